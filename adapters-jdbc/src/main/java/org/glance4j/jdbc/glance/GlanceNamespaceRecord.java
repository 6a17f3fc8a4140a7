package org.glance4j.jdbc.glance;

import java.util.Objects;
import org.glance4j.ports.model.metadef.MetadefNamespaceContent;

/**
 * One namespace of Glance's metadefs catalog with everything in it, or why it cannot be read.
 *
 * @param name    the namespace's name
 * @param content the namespace with its objects, properties, tags and resource type associations; null when
 *                {@code problem} says why it cannot be read
 * @param problem why it cannot be copied, or null
 */
public record GlanceNamespaceRecord(String name, MetadefNamespaceContent content, String problem) {
    public GlanceNamespaceRecord {
        Objects.requireNonNull(name, "name");
        if ((content == null) == (problem == null)) {
            throw new IllegalArgumentException("a namespace record has either content or a problem");
        }
    }
}
