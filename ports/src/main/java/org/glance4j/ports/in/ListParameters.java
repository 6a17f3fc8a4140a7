package org.glance4j.ports.in;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The query parameters of a list call, exactly as the client sent them: a name may repeat. The core parses and
 * validates them (limit, marker, sort, filters).
 */
public record ListParameters(Map<String, List<String>> values) {
    public ListParameters {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        }
        values = java.util.Collections.unmodifiableMap(copy);
    }

    public static ListParameters empty() {
        return new ListParameters(Map.of());
    }

    /** Single-valued parameters, for tests and embedders. */
    public static ListParameters of(Map<String, String> single) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        single.forEach((k, v) -> m.put(k, List.of(v)));
        return new ListParameters(m);
    }

    /** The first value of a parameter, or null. */
    public String first(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
