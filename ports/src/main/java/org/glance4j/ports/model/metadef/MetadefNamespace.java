package org.glance4j.ports.model.metadef;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A namespace of the metadata definitions catalog: a named group of property definitions, objects and tags that
 * applies to some resource types. Its name is unique across the catalog. {@code visibility} is {@code public} or
 * {@code private}; a protected namespace cannot be deleted, nor can anything inside it. {@code owner} is a project
 * id (the catalog loader uses {@code admin}).
 */
public record MetadefNamespace(
        String namespace,
        String displayName,
        String description,
        String visibility,
        boolean isProtected,
        String owner,
        Instant createdAt,
        Instant updatedAt) {

    /** The visibilities a namespace can have. */
    public static final Set<String> VISIBILITIES = Set.of("public", "private");

    public MetadefNamespace {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(visibility, "visibility");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (!VISIBILITIES.contains(visibility)) {
            throw new IllegalArgumentException("visibility must be public or private, not " + visibility);
        }
    }

    public boolean isPublic() {
        return visibility.equals("public");
    }
}
