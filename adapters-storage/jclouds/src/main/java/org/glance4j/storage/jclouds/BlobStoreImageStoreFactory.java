package org.glance4j.storage.jclouds;

import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreOptions;
import org.glance4j.ports.out.store.support.DeclaredImageStoreFactory;

/**
 * A factory of stores on a jclouds blob store ({@code s3}, {@code swift}): the subclass describes its backend from
 * the store's section ({@link BlobStoreTarget}), {@link BlobStoreImageStore} does the rest.
 */
public abstract class BlobStoreImageStoreFactory extends DeclaredImageStoreFactory {
    private final BiFunction<String, Map<String, String>, BlobStoreTarget> targets;

    /**
     * @param targets the backend description of a store from its id and section; refuses bad options naming the
     *                store and the option
     */
    protected BlobStoreImageStoreFactory(
            String type,
            StoreOptions options,
            String summary,
            BiFunction<String, Map<String, String>, BlobStoreTarget> targets) {
        super(type, options, summary);
        this.targets = Objects.requireNonNull(targets, "targets");
    }

    @Override
    public final ImageStore create(String storeId, Map<String, String> options) {
        return BlobStoreImageStore.open(targets.apply(storeId, options));
    }
}
