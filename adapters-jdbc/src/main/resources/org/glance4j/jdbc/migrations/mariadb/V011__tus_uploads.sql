-- Version 11 on MariaDB: resumable (tus) uploads of image data, as in the shared script.

CREATE TABLE tus_uploads (
    id            VARCHAR(64)   NOT NULL PRIMARY KEY,
    image_id      VARCHAR(36)   NOT NULL,
    length        BIGINT        NOT NULL,
    kind          VARCHAR(16)   NOT NULL,
    partials      TEXT          NOT NULL,
    metadata      TEXT,
    stated        TEXT          NOT NULL,
    store_id      VARCHAR(255),
    created_at    BIGINT        NOT NULL,
    expires_at    BIGINT        NOT NULL,
    INDEX tus_uploads_image (image_id),
    INDEX tus_uploads_expires (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
