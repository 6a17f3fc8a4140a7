package org.glance4j.ports.out.store;

import java.util.Map;

import org.glance4j.ports.error.GlanceException;

/**
 * Builds stores of one type. Found with {@link java.util.ServiceLoader}: a backend jar lists its factory in
 * {@code META-INF/services/org.glance4j.ports.out.store.ImageStoreFactory}, and an operator selects it with
 * {@code enabled_backends = <store id>:<type>}.
 */
public interface ImageStoreFactory {

    /** The type name operators write in {@code enabled_backends} ({@code file}, {@code s3}, {@code rbd}, ...). */
    String type();

    /**
     * Builds a store from the options of its configuration section (Glance's option names, e.g.
     * {@code filesystem_store_datadir}), as plain strings.
     *
     * @throws GlanceException {@code INVALID} naming the store and the option when the configuration is wrong,
     *                         {@code UNAVAILABLE} when the backend cannot be reached at start-up
     */
    ImageStore create(String storeId, Map<String, String> options);
}
