-- Version 3: the metadata definitions catalog (metadefs). Namespaces have a surrogate key, so that renaming a
-- namespace leaves its content in place; every other table refers to it and is deleted with it (the repository
-- deletes the content explicitly as well). ${serial} is an auto-increment primary key: its order is the order in
-- which rows were added, which the lists follow. Times are nanoseconds since the epoch, as in version 1.
-- JSON columns hold text: a property definition (an object) or an object's required names (an array).

CREATE TABLE metadef_namespaces (
    id           ${serial},
    namespace    VARCHAR(255)${text} NOT NULL UNIQUE,
    display_name VARCHAR(255)${text},
    description  TEXT,
    visibility   VARCHAR(32)${text}  NOT NULL,
    protected    BOOLEAN             NOT NULL,
    owner        VARCHAR(255)${text},
    created_at   BIGINT              NOT NULL,
    updated_at   BIGINT              NOT NULL
);

CREATE TABLE metadef_objects (
    id           ${serial},
    namespace_id BIGINT              NOT NULL REFERENCES metadef_namespaces (id) ON DELETE CASCADE,
    name         VARCHAR(255)${text} NOT NULL,
    description  TEXT,
    required     TEXT                NOT NULL,
    json_schema  TEXT                NOT NULL,
    created_at   BIGINT              NOT NULL,
    updated_at   BIGINT              NOT NULL,
    UNIQUE (namespace_id, name)
);

CREATE TABLE metadef_properties (
    id           ${serial},
    namespace_id BIGINT              NOT NULL REFERENCES metadef_namespaces (id) ON DELETE CASCADE,
    name         VARCHAR(255)${text} NOT NULL,
    json_schema  TEXT                NOT NULL,
    UNIQUE (namespace_id, name)
);

CREATE TABLE metadef_tags (
    id           ${serial},
    namespace_id BIGINT              NOT NULL REFERENCES metadef_namespaces (id) ON DELETE CASCADE,
    name         VARCHAR(255)${text} NOT NULL,
    created_at   BIGINT              NOT NULL,
    updated_at   BIGINT              NOT NULL,
    UNIQUE (namespace_id, name)
);

-- Resource types are never deleted; they appear with their first association or the catalog loader.
CREATE TABLE metadef_resource_types (
    id         ${serial},
    name       VARCHAR(255)${text} NOT NULL UNIQUE,
    protected  BOOLEAN             NOT NULL,
    created_at BIGINT              NOT NULL,
    updated_at BIGINT              NOT NULL
);

CREATE TABLE metadef_namespace_resource_types (
    id                ${serial},
    namespace_id      BIGINT              NOT NULL REFERENCES metadef_namespaces (id) ON DELETE CASCADE,
    resource_type_id  BIGINT              NOT NULL REFERENCES metadef_resource_types (id),
    prefix            VARCHAR(255)${text},
    properties_target VARCHAR(255)${text},
    created_at        BIGINT              NOT NULL,
    updated_at        BIGINT              NOT NULL,
    UNIQUE (namespace_id, resource_type_id)
);
CREATE INDEX metadef_namespace_resource_types_type_idx ON metadef_namespace_resource_types (resource_type_id);
