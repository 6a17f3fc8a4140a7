package org.glance4j.storage.s3;

import java.util.Map;
import org.glance4j.storage.jclouds.BlobStoreTarget;

/** Opens the factory's option parsing to tests of other packages. */
public final class S3Targets {
    private S3Targets() {}

    public static BlobStoreTarget of(String storeId, Map<String, String> options) {
        return S3ImageStoreFactory.target(storeId, options);
    }
}
