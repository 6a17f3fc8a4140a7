-- Version 8: the image caches of the server nodes (Glance's centralized_db cache driver). Per node (node_id, as in
-- node_leases): the images it holds a complete cached copy of, with hits and times, and the images queued for
-- caching. Times are nanoseconds since the epoch.

CREATE TABLE cached_images (
    node_id        VARCHAR(64)${text}  NOT NULL,
    image_id       VARCHAR(36)${text}  NOT NULL,
    size           BIGINT              NOT NULL,
    hits           BIGINT              NOT NULL,
    last_accessed  BIGINT              NOT NULL,
    last_modified  BIGINT              NOT NULL,
    PRIMARY KEY (node_id, image_id)
);

CREATE TABLE cache_queue (
    node_id    VARCHAR(64)${text}  NOT NULL,
    image_id   VARCHAR(36)${text}  NOT NULL,
    queued_at  BIGINT              NOT NULL,
    PRIMARY KEY (node_id, image_id)
);
