package org.glance4j.bootstrap.wiring;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glance4j.bootstrap.config.GlanceOptions;
import org.glance4j.bootstrap.config.StoreConfig;
import org.glance4j.ports.out.store.ImageStoreFactory;
import org.glance4j.ports.out.store.StoreOption;
import org.glance4j.ports.out.store.StoreOptions;
import org.glance4j.ports.out.store.StoreSection;

/**
 * A store's section against its factory's declaration ({@link ImageStoreFactory#options()}), the same way for
 * every store type: the server names none. It resolves path options against the working directory, gives an
 * unset own-directory option a directory inside the data directory, and lists what is wrong with the section
 * (unknown options with "did you mean", options not honoured, missing required options) without a secret.
 */
public final class StoreSections {

    private StoreSections() {}

    /** Every store prepared with the factory of its type; a store whose type is unknown stays as it is. */
    public static List<StoreConfig> prepare(List<StoreConfig> stores, StoreTypes types, Path dataDir) {
        List<StoreConfig> prepared = new ArrayList<>();
        for (StoreConfig store : stores) {
            prepared.add(types.factory(store.type())
                    .map(f -> prepare(store, f.options(), dataDir))
                    .orElse(store));
        }
        return prepared;
    }

    /**
     * The store with its path options absolute (relative ones against the working directory) and an unset
     * own-directory option set to {@code DATA_DIR/images} in the single-store form, else {@code DATA_DIR/<id>}.
     * Idempotent.
     */
    public static StoreConfig prepare(StoreConfig store, StoreOptions declaration, Path dataDir) {
        StoreConfig prepared = store;
        for (StoreOption option : declaration.list()) {
            String value = store.options().get(option.name());
            boolean set = value != null && !value.isBlank();
            switch (option.kind()) {
                case TEXT -> {}
                case PATH, OWN_DIRECTORY -> {
                    if (set) {
                        prepared = prepared.withOption(option.name(), absolute(store, option, value.strip()));
                    } else if (option.kind() == StoreOption.Kind.OWN_DIRECTORY) {
                        Path own = dataDir.resolve(store.singleStoreForm() ? ServerSettings.IMAGES_DIR : store.id());
                        prepared = prepared.withOption(
                                option.name(), own.toAbsolutePath().normalize().toString());
                    }
                }
            }
        }
        return prepared;
    }

    /** The section as the factory reads it: without the options every store has ({@code weight}, ...). */
    public static Map<String, String> ownOptions(StoreConfig store) {
        Map<String, String> own = new LinkedHashMap<>(store.options());
        GlanceOptions.STORE_OPTIONS.forEach(o -> own.remove(o.name()));
        return own;
    }

    /** The start-up warnings about the section (unknown or not honoured options), one line each, no secret. */
    public static List<String> warnings(StoreConfig store, ImageStoreFactory factory) {
        StoreOptions declaration = factory.options();
        if (!declaration.declared()) {
            return List.of("Store '" + store.id() + "': store type " + store.type() + " declares no options, so"
                    + " its section [" + store.section() + "] is not checked");
        }
        return declaration.read(store.id(), ownOptions(store)).warnings();
    }

    /** The first required option the section does not set, as the message a factory would give. */
    public static Optional<String> missingRequired(StoreConfig store, ImageStoreFactory factory) {
        StoreSection section = factory.options().read(store.id(), ownOptions(store));
        return section.missingRequired().stream()
                .findFirst()
                .map(o -> section.invalid(o, "is required").getMessage());
    }

    private static String absolute(StoreConfig store, StoreOption option, String value) {
        try {
            return Path.of(value).toAbsolutePath().normalize().toString();
        } catch (InvalidPathException e) {
            throw new OpenStores.StoreStartException("cannot start store '" + store.id() + "' (type "
                    + store.type() + ", options in [" + store.section() + "]): Store '" + store.id() + "': option "
                    + option.name() + " is not a valid path");
        }
    }
}
