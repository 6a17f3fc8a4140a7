-- Version 3 on MariaDB: the metadata definitions catalog, as in the shared script. Surrogate keys are
-- AUTO_INCREMENT, whose order is the order in which rows were added; the contents of a namespace go with it.

CREATE TABLE metadef_namespaces (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    namespace    VARCHAR(255) NOT NULL UNIQUE,
    display_name VARCHAR(255),
    description  MEDIUMTEXT,
    visibility   VARCHAR(32)  NOT NULL,
    protected    BOOLEAN      NOT NULL,
    owner        VARCHAR(255),
    created_at   BIGINT       NOT NULL,
    updated_at   BIGINT       NOT NULL
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE metadef_objects (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    namespace_id BIGINT       NOT NULL,
    name         VARCHAR(255) NOT NULL,
    description  MEDIUMTEXT,
    required     MEDIUMTEXT   NOT NULL,
    json_schema  MEDIUMTEXT   NOT NULL,
    created_at   BIGINT       NOT NULL,
    updated_at   BIGINT       NOT NULL,
    UNIQUE (namespace_id, name),
    CONSTRAINT metadef_objects_namespace_fk FOREIGN KEY (namespace_id) REFERENCES metadef_namespaces (id)
        ON DELETE CASCADE
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE metadef_properties (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    namespace_id BIGINT       NOT NULL,
    name         VARCHAR(255) NOT NULL,
    json_schema  MEDIUMTEXT   NOT NULL,
    UNIQUE (namespace_id, name),
    CONSTRAINT metadef_properties_namespace_fk FOREIGN KEY (namespace_id) REFERENCES metadef_namespaces (id)
        ON DELETE CASCADE
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE metadef_tags (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    namespace_id BIGINT       NOT NULL,
    name         VARCHAR(255) NOT NULL,
    created_at   BIGINT       NOT NULL,
    updated_at   BIGINT       NOT NULL,
    UNIQUE (namespace_id, name),
    CONSTRAINT metadef_tags_namespace_fk FOREIGN KEY (namespace_id) REFERENCES metadef_namespaces (id)
        ON DELETE CASCADE
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- Resource types are never deleted; they appear with their first association or the catalog loader.
CREATE TABLE metadef_resource_types (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name       VARCHAR(255) NOT NULL UNIQUE,
    protected  BOOLEAN      NOT NULL,
    created_at BIGINT       NOT NULL,
    updated_at BIGINT       NOT NULL
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE metadef_namespace_resource_types (
    id                BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    namespace_id      BIGINT       NOT NULL,
    resource_type_id  BIGINT       NOT NULL,
    prefix            VARCHAR(255),
    properties_target VARCHAR(255),
    created_at        BIGINT       NOT NULL,
    updated_at        BIGINT       NOT NULL,
    UNIQUE (namespace_id, resource_type_id),
    CONSTRAINT metadef_associations_namespace_fk FOREIGN KEY (namespace_id) REFERENCES metadef_namespaces (id)
        ON DELETE CASCADE,
    CONSTRAINT metadef_associations_type_fk FOREIGN KEY (resource_type_id) REFERENCES metadef_resource_types (id)
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX metadef_namespace_resource_types_type_idx ON metadef_namespace_resource_types (resource_type_id);
