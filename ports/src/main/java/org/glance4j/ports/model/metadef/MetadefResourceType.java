package org.glance4j.ports.model.metadef;

import java.time.Instant;
import java.util.Objects;

/**
 * A kind of resource namespaces apply to ({@code OS::Glance::Image}, {@code OS::Nova::Flavor}, ...). It comes into
 * being when a namespace is first associated with it and is never deleted. Types the catalog loader creates are
 * protected (seeded by the system).
 */
public record MetadefResourceType(String name, boolean isProtected, Instant createdAt, Instant updatedAt) {

    public MetadefResourceType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
