package org.glance4j.core.image;

import java.util.List;

/**
 * One validated patch operation: {@code op} is add, replace or remove; {@code path} the decoded JSON pointer
 * (its first element is the attribute); {@code value} the new value (unused for remove).
 */
record ImageChange(String op, List<String> path, Object value) {
    ImageChange {
        path = List.copyOf(path);
    }

    String root() {
        return path.get(0);
    }
}
