package org.glance4j.ports.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.glance4j.ports.out.SharedNodeSettings;

/**
 * {@link SharedNodeSettings} in memory, for tests and embedders (module {@code glance4j-adapters-memory}): the
 * promises of the port as the contract kit {@code SharedNodeSettingsContractTest} checks them, shared by the
 * callers of one instance only, forgotten when dropped. Thread-safe: every method holds the lock of the instance.
 */
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
