package org.glance4j.bootstrap.wiring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.glance4j.bootstrap.config.StoreConfig;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.ImageStoreFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The image stores of a running server, built from their configuration by the factory of their type (found with
 * {@link java.util.ServiceLoader} on the class path or in a plugin jar, {@link StoreTypes}), and the id of the one
 * that receives uploads. Closing closes every store, the
 * last opened first.
 */
public final class OpenStores implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpenStores.class);

    private final List<ImageStore> stores;
    private final String defaultStoreId;

    private OpenStores(List<ImageStore> stores, String defaultStoreId) {
        this.stores = Collections.unmodifiableList(stores);
        this.defaultStoreId = defaultStoreId;
    }

    /**
     * Builds every store; the first that cannot be built closes the ones before it and stops the start.
     *
     * @throws StoreStartException naming the store, its section and the reason (the factory's message names the
     *                             option), or listing the known types for a type no factory has
     */
    public static OpenStores open(
            List<StoreConfig> configs, String defaultStoreId, Iterable<ImageStoreFactory> factories) {
        return open(configs, defaultStoreId, StoreTypes.of(factories));
    }

    /**
     * Builds every store with the factory of its type; each section is checked against the factory's declaration
     * first (unknown and not honoured options logged, a missing required option refused).
     *
     * @throws StoreStartException as {@link #open(List, String, Iterable)}
     */
    public static OpenStores open(List<StoreConfig> configs, String defaultStoreId, StoreTypes types) {
        List<ImageStore> opened = new ArrayList<>();
        try {
            for (StoreConfig config : configs) {
                opened.add(openOne(config, types));
            }
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
        OpenStores stores = new OpenStores(opened, defaultStoreId);
        LOG.info(
                "image stores: {}",
                opened.stream()
                        .map(s -> s.id() + (s.id().equals(defaultStoreId) ? " (default)" : "") + " " + s)
                        .collect(Collectors.joining(", ")));
        return stores;
    }

    private static ImageStore openOne(StoreConfig config, StoreTypes types) {
        String where = config.singleStoreForm() ? "[glance_store]" : "[DEFAULT] enabled_backends";
        ImageStoreFactory factory = types.factory(config.type()).orElse(null);
        if (factory == null) {
            List<String> names = types.names();
            String known = names.isEmpty() ? "none" : String.join(", ", names);
            throw new StoreStartException("cannot start store '" + config.id() + "': " + where + " gives it the type '"
                    + config.type()
                    + "', but no store type of that name is installed (store plugins go in a plugin directory:"
                    + " --plugins, [glance4j] plugin_dirs); known types: " + known);
        }
        String failure = "cannot start store '" + config.id() + "' (type " + config.type() + ", options in ["
                + config.section() + "]): ";
        try {
            StoreSections.warnings(config, factory).forEach(LOG::warn);
            StoreSections.missingRequired(config, factory).ifPresent(message -> {
                throw new StoreStartException(failure + message);
            });
            ImageStore store = factory.create(config.id(), StoreSections.ownOptions(config));
            return Objects.requireNonNull(store, "the " + config.type() + " factory returned no store");
        } catch (StoreStartException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new StoreStartException(failure + e.getMessage(), e);
        }
    }

    /** The stores, in configuration order. */
    public List<ImageStore> list() {
        return stores;
    }

    /** The id of the store that receives uploads. */
    public String defaultStoreId() {
        return defaultStoreId;
    }

    @Override
    public void close() {
        closeAll(new ArrayList<>(stores));
    }

    private static void closeAll(List<ImageStore> stores) {
        for (int i = stores.size() - 1; i >= 0; i--) {
            try {
                stores.get(i).close();
            } catch (RuntimeException e) {
                LOG.warn("cannot close store '{}': {}", stores.get(i).id(), e.getMessage());
            }
        }
    }

    /** A store that cannot start; the message names the store and what to fix. */
    public static final class StoreStartException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        StoreStartException(String message) {
            super(message);
        }

        StoreStartException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
