-- Version 11: resumable (tus) uploads of image data. One row per upload; its bytes live in the staging area's part
-- files, whose size is the upload's offset. kind is whole, partial or final; partials holds a final upload's partial
-- upload ids in order, separated by spaces; stated holds the digests the client stated at creation, one per line as
-- source, algorithm, label, encoding and hex value separated by tabs. Times are nanoseconds since the epoch.

CREATE TABLE tus_uploads (
    id            VARCHAR(64)${text}   NOT NULL PRIMARY KEY,
    image_id      VARCHAR(36)${text}   NOT NULL,
    length        BIGINT               NOT NULL,
    kind          VARCHAR(16)${text}   NOT NULL,
    partials      TEXT${text}          NOT NULL,
    metadata      TEXT${text},
    stated        TEXT${text}          NOT NULL,
    store_id      VARCHAR(255)${text},
    created_at    BIGINT               NOT NULL,
    expires_at    BIGINT               NOT NULL
);

CREATE INDEX tus_uploads_image ON tus_uploads (image_id);
CREATE INDEX tus_uploads_expires ON tus_uploads (expires_at);
