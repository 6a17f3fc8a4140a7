package org.glance4j.storage.jclouds;

import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreOption;
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

    /**
     * The option {@code name} (default False) that lets the first write create a missing container, called
     * {@code containerWord} ({@code bucket}, {@code container}) in its description.
     */
    protected static StoreOption createContainerOnPutOption(String name, String containerWord) {
        return StoreOption.optional(
                name,
                "False",
                "Create a missing " + containerWord + " on the first upload; when False an upload into a missing "
                        + containerWord + " fails with 503 naming the store and the " + containerWord + ".");
    }

    /**
     * The option {@code name} (default 10) for how many pieces of composed writes go up at once; {@code lead} opens
     * its description ({@code How many}) and {@code pieces} names the pieces ({@code parts}, {@code segments}).
     */
    protected static StoreOption composeThreadsOption(String name, String lead, String pieces) {
        return StoreOption.optional(
                name,
                "10",
                lead + " " + pieces + " of composed uploads (tus uploads in parallel parts) go up at once, for the"
                        + " whole store, at least 1. A plain upload sends its " + pieces + " one after the other.");
    }

    @Override
    public final ImageStore create(String storeId, Map<String, String> options) {
        return BlobStoreImageStore.open(targets.apply(storeId, options));
    }
}
