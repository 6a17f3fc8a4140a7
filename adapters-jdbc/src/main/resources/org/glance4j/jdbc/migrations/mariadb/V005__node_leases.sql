-- Version 5 on MariaDB: the leases of the server nodes sharing this database, as in the shared script.

CREATE TABLE node_leases (
    node_id           VARCHAR(64)  NOT NULL PRIMARY KEY,
    expires_at        BIGINT       NOT NULL,
    claimed_by        VARCHAR(64),
    claim_expires_at  BIGINT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
