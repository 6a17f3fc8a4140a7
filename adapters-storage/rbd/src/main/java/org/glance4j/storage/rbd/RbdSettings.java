package org.glance4j.storage.rbd;

import org.glance4j.ports.out.store.StoreSection;

/**
 * The values of one {@code rbd} store section (declared in {@link RbdImageStoreFactory#OPTIONS}).
 *
 * @param pool             the pool images go to
 * @param user             the Ceph user without {@code client.}; null: librados' default
 * @param cephConf         the Ceph configuration file; null: librados' search
 * @param chunkSize        bytes per write and per RADOS object
 * @param connectTimeout   seconds for connecting and for every operation; below 0: librados' own
 * @param thinProvisioning whether chunks of zeros are left unwritten
 */
record RbdSettings(
        String pool, String user, String cephConf, int chunkSize, int connectTimeout, boolean thinProvisioning) {

    /** librbd's largest object: order 25. */
    private static final int MAX_CHUNK_MIB = 32;

    /** The object size order librbd is given: the chunk size rounded down to a power of two, as Glance does. */
    int order() {
        return 31 - Integer.numberOfLeadingZeros(chunkSize);
    }

    static RbdSettings read(StoreSection section) {
        return new RbdSettings(
                section.text(RbdImageStoreFactory.POOL),
                section.text(RbdImageStoreFactory.USER),
                section.text(RbdImageStoreFactory.CEPH_CONF),
                (int) section.mebibytes(RbdImageStoreFactory.CHUNK_SIZE, 1, MAX_CHUNK_MIB),
                section.integer(RbdImageStoreFactory.CONNECT_TIMEOUT, Integer.MIN_VALUE, Integer.MAX_VALUE),
                section.bool(RbdImageStoreFactory.THIN_PROVISIONING));
    }
}
