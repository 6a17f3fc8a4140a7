-- Version 6 on MariaDB: the configuration every server node must share, as in the shared script.

CREATE TABLE shared_node_settings (
    name   VARCHAR(64)    NOT NULL PRIMARY KEY,
    value  VARCHAR(4000)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
