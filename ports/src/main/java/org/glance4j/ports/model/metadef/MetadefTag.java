package org.glance4j.ports.model.metadef;

import java.time.Instant;
import java.util.Objects;

/** A tag of a namespace: a bare name, unique within the namespace. */
public record MetadefTag(String namespace, String name, Instant createdAt, Instant updatedAt) {

    public MetadefTag {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
