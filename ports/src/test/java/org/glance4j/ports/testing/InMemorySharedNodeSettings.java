package org.glance4j.ports.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.glance4j.ports.out.SharedNodeSettings;

/** Shared node settings in memory, for the core's and bootstrap's tests; passes the contract kit. */
public final class InMemorySharedNodeSettings implements SharedNodeSettings {

    private final Map<String, String> values = new TreeMap<>();

    @Override
    public synchronized Map<String, String> recordMissing(Map<String, String> given) {
        Map<String, String> result = new LinkedHashMap<>();
        given.forEach((name, value) -> result.put(name, values.computeIfAbsent(name, n -> value)));
        return result;
    }

    @Override
    public synchronized void replace(Map<String, String> given) {
        values.putAll(given);
    }

    @Override
    public synchronized Map<String, String> recorded() {
        return new TreeMap<>(values);
    }
}
