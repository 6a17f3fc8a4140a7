package org.glance4j.ports.model.metadef;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An object of a namespace: a named group of property definitions, some of them required. {@code properties} maps
 * a property name to its definition, a JSON object as plain JDK values (see {@link MetadefProperty}).
 */
public record MetadefObject(
        String namespace,
        String name,
        String description,
        List<String> required,
        Map<String, Object> properties,
        Instant createdAt,
        Instant updatedAt) {

    public MetadefObject {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        required = required == null ? List.of() : List.copyOf(required);
        properties = properties == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** The same object in another namespace (after a rename of the namespace). */
    public MetadefObject inNamespace(String newNamespace) {
        return new MetadefObject(newNamespace, name, description, required, properties, createdAt, updatedAt);
    }
}
