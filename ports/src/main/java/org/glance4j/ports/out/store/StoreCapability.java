package org.glance4j.ports.out.store;

/**
 * What an {@link ImageStore} can do. The core checks a capability before it calls the matching method, so a
 * store never has to guess; a store still refuses an operation it does not declare, in the one standard way
 * ({@link UnsupportedStoreOperationException}).
 */
public enum StoreCapability {
    /** {@link ImageStore#read(String, ByteRange)} of a whole object, and {@link ImageStore#size(String)}. */
    READ,
    /** {@link ImageStore#read(String, ByteRange)} of a byte range, served by the backend (not by skipping). */
    READ_RANGE,
    /** {@link ImageStore#write(String, java.io.InputStream, long)}. */
    WRITE,
    /** {@link ImageStore#delete(String)}. */
    DELETE,
    /**
     * {@link ImageStore#writeComposed(String, java.util.List)} assembles the parts natively (multipart upload, large
     * object, moving local files) instead of streaming their concatenation through
     * {@link ImageStore#write(String, java.io.InputStream, long)}.
     */
    COMPOSE
}
