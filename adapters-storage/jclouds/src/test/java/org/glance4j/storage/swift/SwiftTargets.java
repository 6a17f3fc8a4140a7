package org.glance4j.storage.swift;

import java.util.Map;
import org.glance4j.storage.jclouds.BlobStoreTarget;

/** Opens the factory's option parsing to tests of other packages. */
public final class SwiftTargets {
    private SwiftTargets() {}

    public static BlobStoreTarget of(String storeId, Map<String, String> options) {
        return SwiftImageStoreFactory.target(storeId, options);
    }
}
