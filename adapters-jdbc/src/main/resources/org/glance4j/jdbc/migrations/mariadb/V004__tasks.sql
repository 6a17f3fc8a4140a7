-- Version 4 on MariaDB: tasks, the records of image imports, as in the shared script.

CREATE TABLE tasks (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    type        VARCHAR(30)  NOT NULL,
    status      VARCHAR(30)  NOT NULL,
    owner       VARCHAR(255),
    input       MEDIUMTEXT   NOT NULL,
    result      MEDIUMTEXT,
    message     MEDIUMTEXT   NOT NULL,
    image_id    VARCHAR(36),
    request_id  VARCHAR(255),
    user_id     VARCHAR(255),
    node        VARCHAR(255),
    expires_at  BIGINT,
    created_at  BIGINT       NOT NULL,
    updated_at  BIGINT       NOT NULL
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE INDEX tasks_by_image ON tasks (image_id, created_at);

CREATE INDEX tasks_by_node ON tasks (node, status);

CREATE INDEX tasks_by_created ON tasks (created_at, id);
