-- Version 6: the configuration every server node on this database must share (stores, hashing algorithm, policy),
-- recorded by the first node that starts on it and compared by every later one at its start.

CREATE TABLE shared_node_settings (
    name   VARCHAR(64)${text}  NOT NULL PRIMARY KEY,
    value  VARCHAR(4000)       NOT NULL
);
