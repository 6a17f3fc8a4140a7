package org.glance4j.ports.out.store.support;

import java.util.Objects;
import org.glance4j.ports.out.store.ImageStoreFactory;
import org.glance4j.ports.out.store.StoreOptions;

/**
 * An {@link ImageStoreFactory} whose type name, option declaration and summary are fixed facts, stated once in
 * its constructor, so that a store's factory writes only what differs: {@link #create(String, java.util.Map)} (and
 * {@link #detailProperties(String, java.util.Map)} when its stores show any). A subclass keeps the public no-argument
 * constructor {@link java.util.ServiceLoader} needs:
 *
 * <pre>{@code
 * public ExampleImageStoreFactory() {
 *     super("example", OPTIONS, "Images in an example backend.");
 * }
 * }</pre>
 */
public abstract class DeclaredImageStoreFactory implements ImageStoreFactory {
    private final String type;
    private final StoreOptions options;
    private final String summary;

    /**
     * @param type    the type name operators write in {@code enabled_backends}
     * @param options the declaration of the store's section
     * @param summary one line saying what the stores keep images in
     * @throws NullPointerException when one of them is null
     */
    protected DeclaredImageStoreFactory(String type, StoreOptions options, String summary) {
        this.type = Objects.requireNonNull(type, "type");
        this.options = Objects.requireNonNull(options, "options");
        this.summary = Objects.requireNonNull(summary, "summary");
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final StoreOptions options() {
        return options;
    }

    @Override
    public final String summary() {
        return summary;
    }
}
