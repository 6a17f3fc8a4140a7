package org.glance4j.ports.out.store;

import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;

/**
 * The standard refusal of an operation a store does not declare in {@link ImageStore#capabilities()}. Every
 * store refuses this way, with this message shape, so that callers and tests treat all stores alike.
 */
public class UnsupportedStoreOperationException extends GlanceException {
    private static final long serialVersionUID = 1L;

    private final String storeId;
    private final StoreCapability capability;

    public UnsupportedStoreOperationException(String storeId, StoreCapability capability) {
        super(
                ErrorCategory.NOT_IMPLEMENTED,
                "Store '" + storeId + "' does not support "
                        + capability.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        this.storeId = storeId;
        this.capability = capability;
    }

    public String storeId() {
        return storeId;
    }

    public StoreCapability capability() {
        return capability;
    }
}
