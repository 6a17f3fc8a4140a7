-- Version 10 on MariaDB: the last verification result of each stored copy of an image, as in the shared script.

CREATE TABLE image_verifications (
    image_id      VARCHAR(36)   NOT NULL,
    location_key  VARCHAR(64)   NOT NULL,
    store_id      VARCHAR(255)  NOT NULL,
    location_url  TEXT          NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    checked_at    BIGINT        NOT NULL,
    detail        TEXT          NOT NULL,
    PRIMARY KEY (image_id, location_key),
    INDEX image_verifications_status (status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
