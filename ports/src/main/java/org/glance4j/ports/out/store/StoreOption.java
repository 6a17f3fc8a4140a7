package org.glance4j.ports.out.store;

import java.util.Objects;

/**
 * One option of a store section as a store factory declares it: its name (Glance's spelling), its default, whether
 * it is required, whether its value is a secret, whether the store honours it, and one line of help. The server
 * validates a section against the declaration, documents it, and never prints the value of a secret option.
 *
 * <p>Build declarations with the static methods and the {@code as...} modifiers, e.g.
 * {@code StoreOption.required("s3_store_secret_key", "The secret key.").asSecret()}.
 *
 * @param name         the option's name in the store's section, e.g. {@code rbd_store_pool}
 * @param defaultValue the value used when the option is absent or blank, as an operator would write it; null when
 *                     there is none
 * @param required     whether the section must set it (a required option has no default)
 * @param secret       whether the value is a secret (a key, a password): never printed, logged or shown
 * @param honoured     false for an option of glance_store that this store accepts but ignores (the server reports
 *                     it once at start-up, never fatally)
 * @param kind         how the server treats the value before the factory sees it
 * @param help         one line for operators, a sentence ending with a full stop
 */
public record StoreOption(
        String name, String defaultValue, boolean required, boolean secret, boolean honoured, Kind kind, String help) {

    /** How the server treats a value before the factory sees it. */
    public enum Kind {
        /** Given to the factory as written. */
        TEXT,
        /** A path: a relative one is resolved against the server's working directory. */
        PATH,
        /**
         * A directory of the store's own: resolved like {@link #PATH}, and when the section does not set it the
         * server gives the store a directory inside its data directory (so that a store starts with no option).
         */
        OWN_DIRECTORY
    }

    public StoreOption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(help, "help");
        if (name.isBlank() || !name.equals(name.strip()) || name.contains("=")) {
            throw new IllegalArgumentException("not an option name: '" + name + "'");
        }
        if (help.isBlank() || help.contains("\n")) {
            throw new IllegalArgumentException("option " + name + " needs one line of help");
        }
        if (required && defaultValue != null) {
            throw new IllegalArgumentException("option " + name + " is required and cannot have a default");
        }
    }

    /** An optional option with a default ({@code defaultValue} null: none). */
    public static StoreOption optional(String name, String defaultValue, String help) {
        return new StoreOption(name, defaultValue, false, false, true, Kind.TEXT, help);
    }

    /** An option the section must set. */
    public static StoreOption required(String name, String help) {
        return new StoreOption(name, null, true, false, true, Kind.TEXT, help);
    }

    /** An option of glance_store that this store accepts but ignores; {@code help} says why or what instead. */
    public static StoreOption notHonoured(String name, String help) {
        return new StoreOption(name, null, false, false, false, Kind.TEXT, help);
    }

    /** An option of glance_store that this store accepts and ignores with nothing more to say (help: Ignored.). */
    public static StoreOption ignored(String name) {
        return notHonoured(name, "Ignored.");
    }

    /** The same option, with a secret value. */
    public StoreOption asSecret() {
        return new StoreOption(name, defaultValue, required, true, honoured, kind, help);
    }

    /** The same option, holding a path. */
    public StoreOption asPath() {
        return new StoreOption(name, defaultValue, required, secret, honoured, Kind.PATH, help);
    }

    /**
     * The same option, holding the store's own directory: not required of the operator, since the server gives the
     * store a directory inside its data directory when the section does not set one.
     */
    public StoreOption asOwnDirectory() {
        return new StoreOption(name, defaultValue, false, secret, honoured, Kind.OWN_DIRECTORY, help);
    }
}
