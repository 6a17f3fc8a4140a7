package org.glance4j.ports.model.metadef;

import java.time.Instant;
import java.util.Objects;

/**
 * The association of a namespace with a resource type: when the namespace's properties apply to that type, their
 * names take {@code prefix} (may be null), and {@code propertiesTarget} (may be null) says which of the resource's
 * property sets they go to (for example {@code image} for a volume's image metadata).
 */
public record MetadefResourceTypeAssociation(
        String namespace, String name, String prefix, String propertiesTarget, Instant createdAt, Instant updatedAt) {

    public MetadefResourceTypeAssociation {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** The same association for another namespace name (after a rename of the namespace). */
    public MetadefResourceTypeAssociation inNamespace(String newNamespace) {
        return new MetadefResourceTypeAssociation(newNamespace, name, prefix, propertiesTarget, createdAt, updatedAt);
    }
}
