-- Version 4: tasks, the records of image imports. input and result are JSON objects as text; times are
-- nanoseconds since the epoch like every other time; node names the server that runs a task, so that a restarted
-- server finds the tasks it left unfinished. Version 3 is reserved for another change.

CREATE TABLE tasks (
    id          VARCHAR(36)${text}  NOT NULL PRIMARY KEY,
    type        VARCHAR(30)${text}  NOT NULL,
    status      VARCHAR(30)${text}  NOT NULL,
    owner       VARCHAR(255)${text},
    input       TEXT                NOT NULL,
    result      TEXT,
    message     TEXT                NOT NULL,
    image_id    VARCHAR(36)${text},
    request_id  VARCHAR(255),
    user_id     VARCHAR(255),
    node        VARCHAR(255)${text},
    expires_at  BIGINT,
    created_at  BIGINT              NOT NULL,
    updated_at  BIGINT              NOT NULL
);

CREATE INDEX tasks_by_image ON tasks (image_id, created_at);

CREATE INDEX tasks_by_node ON tasks (node, status);

CREATE INDEX tasks_by_created ON tasks (created_at, id);
