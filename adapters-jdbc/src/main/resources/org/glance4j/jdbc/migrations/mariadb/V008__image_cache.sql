-- Version 8 on MariaDB: the image caches of the server nodes, as in the shared script.

CREATE TABLE cached_images (
    node_id        VARCHAR(64)  NOT NULL,
    image_id       VARCHAR(36)  NOT NULL,
    size           BIGINT       NOT NULL,
    hits           BIGINT       NOT NULL,
    last_accessed  BIGINT       NOT NULL,
    last_modified  BIGINT       NOT NULL,
    PRIMARY KEY (node_id, image_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE cache_queue (
    node_id    VARCHAR(64)  NOT NULL,
    image_id   VARCHAR(36)  NOT NULL,
    queued_at  BIGINT       NOT NULL,
    PRIMARY KEY (node_id, image_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
