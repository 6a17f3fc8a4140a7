package org.glance4j.ports.out.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The options a store factory declares ({@link org.glance4j.ports.out.store.ImageStoreFactory#options()}), in
 * the order they are documented. Immutable. A factory builds its declaration once, e.g. in a constant:
 *
 * <pre>{@code
 * static final StoreOption POOL = StoreOption.optional("rbd_store_pool", "images", "The RADOS pool of images.");
 * static final StoreOption KEY = StoreOption.required("example_key", "The backend's key.").asSecret();
 * static final StoreOptions OPTIONS = StoreOptions.of(POOL, KEY);
 * }</pre>
 *
 * and reads a section with {@link #read(String, Map)}. The server uses the same declaration to check a section
 * before the factory sees it, to report unknown options with the closest declared name, and to write the store's
 * section of {@code docs/configuration.md}.
 */
public final class StoreOptions {
    private static final StoreOptions UNDECLARED = new StoreOptions(List.of(), false);

    private final List<StoreOption> options;
    private final boolean declared;

    private StoreOptions(List<StoreOption> options, boolean declared) {
        this.options = options;
        this.declared = declared;
    }

    /**
     * A declaration of exactly these options.
     *
     * @throws IllegalArgumentException when two options have the same name
     */
    public static StoreOptions of(StoreOption... options) {
        return of(List.of(options));
    }

    /** A declaration of exactly these options, in this order. */
    public static StoreOptions of(List<StoreOption> options) {
        Map<String, StoreOption> byName = new LinkedHashMap<>();
        for (StoreOption option : options) {
            if (byName.putIfAbsent(option.name(), option) != null) {
                throw new IllegalArgumentException("option " + option.name() + " is declared twice");
            }
        }
        return new StoreOptions(List.copyOf(options), true);
    }

    /**
     * What a factory that declares nothing has (the default of {@code ImageStoreFactory.options()}): every option
     * is passed through unchecked and none is documented.
     */
    public static StoreOptions undeclared() {
        return UNDECLARED;
    }

    /** False only for {@link #undeclared()}. */
    public boolean declared() {
        return declared;
    }

    /** The declared options, in declaration order. */
    public List<StoreOption> list() {
        return options;
    }

    /** The declared option of that name (exact spelling), if any. */
    public Optional<StoreOption> find(String name) {
        return options.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    /**
     * The declared option an unknown {@code name} was probably meant to be: the closest by edit distance
     * (case-insensitive, {@code -} and {@code _} alike), if at most one edit away for names shorter than eight
     * characters and two for longer ones.
     */
    public Optional<String> closest(String name) {
        return OptionSpelling.closest(name, options, StoreOption::name).map(StoreOption::name);
    }

    /**
     * Reads the section of store {@code storeId} against this declaration. Nothing is checked yet: each typed
     * getter of the {@link StoreSection} checks its option when it is read.
     */
    public StoreSection read(String storeId, Map<String, String> section) {
        return new StoreSection(storeId, this, section);
    }

    /**
     * The section with every secret value replaced by {@code ***}, for logs and messages. With an undeclared
     * store, every value whose name suggests a secret ({@code key}, {@code password}, {@code secret},
     * {@code token}, {@code credential}) is hidden.
     */
    public Map<String, String> redacted(Map<String, String> section) {
        Map<String, String> copy = new LinkedHashMap<>();
        section.forEach((name, value) -> copy.put(name, isSecret(name) ? "***" : value));
        return Collections.unmodifiableMap(copy);
    }

    /** Whether the value of {@code name} must never be printed. */
    public boolean isSecret(String name) {
        Optional<StoreOption> option = find(name);
        if (option.isPresent()) {
            return option.get().secret();
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("key")
                || lower.contains("password")
                || lower.contains("secret")
                || lower.contains("token")
                || lower.contains("credential");
    }

    /** The names of the declared options, in order. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        options.forEach(o -> names.add(o.name()));
        return names;
    }

    @Override
    public String toString() {
        return declared ? "StoreOptions" + names() : "StoreOptions(undeclared)";
    }
}
