package org.glance4j.ports.out.store;

import java.util.Objects;

/**
 * What a write produced: where the bytes are (a location URI the same store can read back, e.g.
 * {@code file:///var/lib/glance/images/<id>}) and how many bytes were written.
 */
public record StoredObject(String location, long size) {
    public StoredObject {
        Objects.requireNonNull(location, "location");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }
}
