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

    /**
     * The options of this store type's section: names, defaults, which are required and which secret, one line
     * of help each. The server checks a section against it before {@link #create(String, Map)} (unknown options
     * are reported with the closest declared name, missing required ones refused, secrets never printed),
     * resolves {@link StoreOption.Kind#PATH path} options against its working directory, gives an
     * {@link StoreOption.Kind#OWN_DIRECTORY own directory} a place in its data directory when unset, and
     * documents the section from it. Read the section in {@code create} with
     * {@code options().read(storeId, options)}.
     *
     * <p>The default, {@link StoreOptions#undeclared()}, passes every option through unchecked and undocumented.
     */
    default StoreOptions options() {
        return StoreOptions.undeclared();
    }

    /**
     * One line saying what this store type keeps images in, for the documentation and the start-up log (e.g.
     * {@code "Images as RBD images in a Ceph pool, through librbd."}). The default names the type.
     */
    default String summary() {
        return "Images in " + type() + " stores.";
    }

    /**
     * The properties {@code GET /v2/info/stores/detail} shows for a store of this type built from
     * {@code options} (Glance shows, e.g., {@code data_dir}, {@code chunk_size} and {@code thin_provisioning} for
     * a file store, {@code pool} and {@code chunk_size} for an rbd store). Values are JSON-friendly (strings,
     * numbers, booleans). Never a secret. May be called before {@link #create(String, Map)}; for options it
     * cannot read it may throw (the server then shows none, and {@code create} reports the problem). The default
     * shows none.
     */
    default Map<String, Object> detailProperties(String storeId, Map<String, String> options) {
        return Map.of();
    }
}
