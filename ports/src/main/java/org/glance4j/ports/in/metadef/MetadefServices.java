package org.glance4j.ports.in.metadef;

import java.util.Objects;

/** The use cases of the metadata definitions catalog, together, as adapters take them. */
public record MetadefServices(
        MetadefNamespaceService namespaces,
        MetadefObjectService objects,
        MetadefPropertyService properties,
        MetadefTagService tags,
        MetadefResourceTypeService resourceTypes,
        MetadefSchemaService schemas,
        MetadefCatalogService catalog) {
    public MetadefServices {
        Objects.requireNonNull(namespaces, "namespaces");
        Objects.requireNonNull(objects, "objects");
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(resourceTypes, "resourceTypes");
        Objects.requireNonNull(schemas, "schemas");
        Objects.requireNonNull(catalog, "catalog");
    }
}
