package org.glance4j.ports.model.metadef;

import java.util.List;
import java.util.Objects;

/**
 * A namespace with everything in it, as one unit: what a create call with embedded content and the catalog loader
 * write at once, and what the exporter reads. Every part names the same namespace.
 */
public record MetadefNamespaceContent(
        MetadefNamespace namespace,
        List<MetadefResourceTypeAssociation> associations,
        List<MetadefProperty> properties,
        List<MetadefObject> objects,
        List<MetadefTag> tags) {

    public MetadefNamespaceContent {
        Objects.requireNonNull(namespace, "namespace");
        associations = associations == null ? List.of() : List.copyOf(associations);
        properties = properties == null ? List.of() : List.copyOf(properties);
        objects = objects == null ? List.of() : List.copyOf(objects);
        tags = tags == null ? List.of() : List.copyOf(tags);
        String name = namespace.namespace();
        associations.forEach(a -> requireSame(name, a.namespace()));
        properties.forEach(p -> requireSame(name, p.namespace()));
        objects.forEach(o -> requireSame(name, o.namespace()));
        tags.forEach(t -> requireSame(name, t.namespace()));
    }

    /** A namespace without content. */
    public static MetadefNamespaceContent of(MetadefNamespace namespace) {
        return new MetadefNamespaceContent(namespace, List.of(), List.of(), List.of(), List.of());
    }

    private static void requireSame(String expected, String actual) {
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException("content of namespace " + actual + " given for namespace " + expected);
        }
    }
}
