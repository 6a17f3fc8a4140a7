package org.glance4j.ports.model.metadef;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A property definition of a namespace: its name and its JSON-schema definition ({@code type}, {@code title},
 * {@code enum}, ...), a JSON object as plain JDK values: {@link String}, {@link Boolean}, {@link Number},
 * {@link java.util.List}, {@link Map} with string keys, and {@code null}. The name is not part of the definition.
 */
public record MetadefProperty(String namespace, String name, Map<String, Object> schema) {

    public MetadefProperty {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        schema = schema == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(schema));
    }
}
