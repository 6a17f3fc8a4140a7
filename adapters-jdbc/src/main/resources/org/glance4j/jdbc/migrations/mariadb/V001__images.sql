-- Version 1 on MariaDB: images with their properties, tags and members; the same tables as the shared script.
-- InnoDB, utf8mb4 with utf8mb4_nopad_bin: text compares and orders by code point and trailing spaces count, as
-- with PostgreSQL's "C" collation and SQLite, so keys that differ only in case or trailing spaces stay apart.
-- Times are nanoseconds since the epoch (BIGINT), exact like on the other databases. A VARCHAR(255) key takes
-- 1020 bytes in utf8mb4, under InnoDB's 3072-byte limit of DYNAMIC rows even with created_at and id beside it.
-- MariaDB puts nulls first in ascending indexes already. Long texts are MEDIUMTEXT (16 MiB; TEXT holds 64 KiB).

CREATE TABLE images (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    name             VARCHAR(255),
    status           VARCHAR(30)  NOT NULL,
    visibility       VARCHAR(16)  NOT NULL,
    protected        BOOLEAN      NOT NULL,
    os_hidden        BOOLEAN      NOT NULL,
    checksum         VARCHAR(32),
    os_hash_algo     VARCHAR(64),
    os_hash_value    VARCHAR(128),
    owner            VARCHAR(255),
    size             BIGINT,
    virtual_size     BIGINT,
    container_format VARCHAR(20),
    disk_format      VARCHAR(20),
    min_disk         INTEGER      NOT NULL,
    min_ram          INTEGER      NOT NULL,
    created_at       BIGINT       NOT NULL,
    updated_at       BIGINT       NOT NULL,
    deleted_at       BIGINT,
    revision         BIGINT       NOT NULL
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- The default order (created_at desc, id desc), and each sort key Glance offers followed by created_at, id.
CREATE INDEX images_created_at_idx ON images (created_at, id);
CREATE INDEX images_updated_at_idx ON images (updated_at, created_at, id);
CREATE INDEX images_name_idx ON images (name, created_at, id);
CREATE INDEX images_status_idx ON images (status, created_at, id);
CREATE INDEX images_container_format_idx ON images (container_format, created_at, id);
CREATE INDEX images_disk_format_idx ON images (disk_format, created_at, id);
CREATE INDEX images_size_idx ON images (size, created_at, id);
-- Lookups Glance indexes too.
CREATE INDEX images_owner_idx ON images (owner, created_at, id);
CREATE INDEX images_checksum_idx ON images (checksum);
CREATE INDEX images_os_hash_value_idx ON images (os_hash_value);

CREATE TABLE image_properties (
    image_id VARCHAR(36)  NOT NULL,
    name     VARCHAR(255) NOT NULL,
    value    MEDIUMTEXT,
    PRIMARY KEY (image_id, name),
    CONSTRAINT image_properties_image_fk FOREIGN KEY (image_id) REFERENCES images (id)
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- Tags keep the order in which they were added (position) and appear once per image.
CREATE TABLE image_tags (
    image_id VARCHAR(36)  NOT NULL,
    value    VARCHAR(255) NOT NULL,
    position INTEGER      NOT NULL,
    PRIMARY KEY (image_id, value),
    CONSTRAINT image_tags_image_fk FOREIGN KEY (image_id) REFERENCES images (id)
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE image_members (
    image_id   VARCHAR(36)  NOT NULL,
    member     VARCHAR(255) NOT NULL,
    status     VARCHAR(20)  NOT NULL,
    created_at BIGINT       NOT NULL,
    updated_at BIGINT       NOT NULL,
    PRIMARY KEY (image_id, member),
    CONSTRAINT image_members_image_fk FOREIGN KEY (image_id) REFERENCES images (id)
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX image_members_member_idx ON image_members (member, status);
