package org.glance4j.ports.out;

import java.util.Map;

/**
 * The configuration that every server node on one database must share (such as the stores and the hashing
 * algorithm), as recorded by the first node that started on the database: each later node compares its own values
 * with these before it starts. Values are opaque text, named by the option they come from.
 *
 * <p>Every call is atomic, also between processes on the same database; implementations are thread-safe. A name that
 * was never recorded is simply absent from the maps returned. Failures of the storage itself are thrown as
 * {@code GlanceException} with category {@code UNAVAILABLE}. Growth rule: add every new method to
 * {@code SharedNodeSettingsContractTest} in the same change.
 */
public interface SharedNodeSettings {

    /**
     * Records each of {@code values} whose name has no recorded value yet, and leaves the recorded ones as they are.
     * Of several nodes recording the same name at once, exactly one value is kept and every caller is given it.
     *
     * @param values the caller's values by name (names at most 64 characters, values at most 4000)
     * @return the recorded value of every name in {@code values}: the caller's for a name recorded just now, the
     *         earlier one for a name that was recorded before (which may differ from the caller's)
     */
    Map<String, String> recordMissing(Map<String, String> values);

    /**
     * Records {@code values}, replacing the recorded value of every name given (an operator changed the option on
     * purpose); names not given keep their recorded values.
     */
    void replace(Map<String, String> values);

    /**
     * Every recorded value by name.
     *
     * @return an empty map when no node has recorded anything yet
     */
    Map<String, String> recorded();
}
