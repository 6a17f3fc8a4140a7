package org.glance4j.storage.rbd;

import java.util.Locale;
import java.util.Map;

import org.glance4j.ports.error.GlanceException;

/**
 * The options of one {@code rbd} store section, named and typed as glance_store's rbd driver has them.
 *
 * @param pool                the pool images go to ({@code rbd_store_pool}, default {@code images})
 * @param user                the Ceph user without {@code client.} ({@code rbd_store_user}; null: librados' default)
 * @param cephConf            the Ceph configuration file ({@code rbd_store_ceph_conf}; null: librados' search)
 * @param chunkSize           bytes per write and per RADOS object ({@code rbd_store_chunk_size}, MiB, default 8)
 * @param connectTimeout      seconds for connecting and every operation ({@code rados_connect_timeout}; -1: none)
 * @param thinProvisioning    whether chunks of zeros are left unwritten ({@code rbd_thin_provisioning})
 */
record RbdSettings(String pool, String user, String cephConf, int chunkSize, int connectTimeout,
        boolean thinProvisioning) {
    static final String POOL = "rbd_store_pool";
    static final String USER = "rbd_store_user";
    static final String CEPH_CONF = "rbd_store_ceph_conf";
    static final String CHUNK_SIZE = "rbd_store_chunk_size";
    static final String CONNECT_TIMEOUT = "rados_connect_timeout";
    static final String THIN_PROVISIONING = "rbd_thin_provisioning";

    private static final int MIB = 1024 * 1024;
    /** librbd's largest object: order 25. */
    private static final int MAX_CHUNK_MIB = 32;

    /** The object size order librbd is given: the chunk size rounded down to a power of two, as Glance does. */
    int order() {
        return 31 - Integer.numberOfLeadingZeros(chunkSize);
    }

    /** Reads the section of store {@code storeId}; refuses a bad value naming the store and the option. */
    static RbdSettings read(String storeId, Map<String, String> options) {
        return new RbdSettings(
                text(options, POOL, "images"),
                text(options, USER, null),
                text(options, CEPH_CONF, null),
                integer(storeId, options, CHUNK_SIZE, 8, 1, MAX_CHUNK_MIB) * MIB,
                integer(storeId, options, CONNECT_TIMEOUT, -1, Integer.MIN_VALUE, Integer.MAX_VALUE),
                bool(storeId, options, THIN_PROVISIONING, false));
    }

    private static String text(Map<String, String> options, String option, String fallback) {
        String value = options.get(option);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static int integer(String storeId, Map<String, String> options, String option, int fallback, int min,
            int max) {
        String value = text(options, option, null);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(storeId, option, min == Integer.MIN_VALUE ? "must be a whole number, got " + value
                : "must be a whole number from " + min + " to " + max + ", got " + value);
    }

    private static boolean bool(String storeId, Map<String, String> options, String option, boolean fallback) {
        String value = text(options, option, null);
        if (value == null) {
            return fallback;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on":
                return true;
            case "false", "0", "no", "off":
                return false;
            default:
                throw invalid(storeId, option, "must be true or false, got " + value);
        }
    }

    private static GlanceException invalid(String storeId, String option, String problem) {
        return GlanceException.invalid("Store '" + storeId + "': option " + option + " " + problem);
    }
}
