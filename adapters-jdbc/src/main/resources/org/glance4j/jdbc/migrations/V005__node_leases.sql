-- Version 5: the leases of the server nodes sharing this database. A live node moves expires_at forward; a node
-- whose lease ended is taken for dead, and the one live node that claims it (claimed_by, until claim_expires_at)
-- puts back its unfinished uploads, stages and imports, then deletes the row. Times are nanoseconds since the epoch.

CREATE TABLE node_leases (
    node_id           VARCHAR(64)${text}  NOT NULL PRIMARY KEY,
    expires_at        BIGINT              NOT NULL,
    claimed_by        VARCHAR(64)${text},
    claim_expires_at  BIGINT
);
