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
     * {@link ImageStore#writeComposed(String, java.util.List)} assembled by the store itself (an S3 multipart
     * upload, a Swift static large object, local files taken over by the file store) instead of the default, which
     * streams the parts one after the other through {@code write}. Every store with {@link #WRITE} can compose;
     * this capability only says that it does so natively, so the core never refuses a compose for its absence.
     */
    COMPOSE
}
