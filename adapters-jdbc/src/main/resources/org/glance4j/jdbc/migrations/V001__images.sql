-- Version 1: images with their properties, tags and members.
-- Sizes follow Glance's own schema. Times are nanoseconds since the epoch (BIGINT), so that an Instant
-- round-trips exactly on both databases. ${text} gives text columns byte-wise order on PostgreSQL;
-- ${nullsFirst} makes PostgreSQL indexes put nulls first, as the list order wants.

CREATE TABLE images (
    id               VARCHAR(36)${text}  NOT NULL PRIMARY KEY,
    name             VARCHAR(255)${text},
    status           VARCHAR(30)${text}  NOT NULL,
    visibility       VARCHAR(16)${text}  NOT NULL,
    protected        BOOLEAN             NOT NULL,
    os_hidden        BOOLEAN             NOT NULL,
    checksum         VARCHAR(32)${text},
    os_hash_algo     VARCHAR(64)${text},
    os_hash_value    VARCHAR(128)${text},
    owner            VARCHAR(255)${text},
    size             BIGINT,
    virtual_size     BIGINT,
    container_format VARCHAR(20)${text},
    disk_format      VARCHAR(20)${text},
    min_disk         INTEGER             NOT NULL,
    min_ram          INTEGER             NOT NULL,
    created_at       BIGINT              NOT NULL,
    updated_at       BIGINT              NOT NULL,
    deleted_at       BIGINT,
    revision         BIGINT              NOT NULL
);

-- The default order (created_at desc, id desc), and each sort key Glance offers followed by created_at, id.
CREATE INDEX images_created_at_idx ON images (created_at, id);
CREATE INDEX images_updated_at_idx ON images (updated_at, created_at, id);
CREATE INDEX images_name_idx ON images (name${nullsFirst}, created_at, id);
CREATE INDEX images_status_idx ON images (status, created_at, id);
CREATE INDEX images_container_format_idx ON images (container_format${nullsFirst}, created_at, id);
CREATE INDEX images_disk_format_idx ON images (disk_format${nullsFirst}, created_at, id);
CREATE INDEX images_size_idx ON images (size${nullsFirst}, created_at, id);
-- Lookups Glance indexes too.
CREATE INDEX images_owner_idx ON images (owner${nullsFirst}, created_at, id);
CREATE INDEX images_checksum_idx ON images (checksum);
CREATE INDEX images_os_hash_value_idx ON images (os_hash_value);

CREATE TABLE image_properties (
    image_id VARCHAR(36)${text}  NOT NULL REFERENCES images (id),
    name     VARCHAR(255)${text} NOT NULL,
    value    TEXT,
    PRIMARY KEY (image_id, name)
);

-- Tags keep the order in which they were added (position) and appear once per image.
CREATE TABLE image_tags (
    image_id VARCHAR(36)${text}  NOT NULL REFERENCES images (id),
    value    VARCHAR(255)${text} NOT NULL,
    position INTEGER             NOT NULL,
    PRIMARY KEY (image_id, value)
);

CREATE TABLE image_members (
    image_id   VARCHAR(36)${text}  NOT NULL REFERENCES images (id),
    member     VARCHAR(255)${text} NOT NULL,
    status     VARCHAR(20)${text}  NOT NULL,
    created_at BIGINT              NOT NULL,
    updated_at BIGINT              NOT NULL,
    PRIMARY KEY (image_id, member)
);
CREATE INDEX image_members_member_idx ON image_members (member, status);
