package org.glance4j.ports.model;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * The outcome of re-reading one stored copy of an image ({@code glance4j images verify}): what the store gave back
 * compared with the size and checksums the image records. A result is never a repair; it only says.
 *
 * @param imageId     the image
 * @param storeId     the store of the location read (as the location records it)
 * @param locationUrl the location read
 * @param status      what was found
 * @param checkedAt   when the check ended
 * @param detail      what differs, in words for an operator (sizes, the two digests, the store's error); empty
 *                    when {@link Status#OK}
 */
public record ImageVerification(
        String imageId, String storeId, String locationUrl, Status status, Instant checkedAt, String detail) {

    /** What a verification found. */
    public enum Status {
        /** The size, the md5 {@code checksum} and the {@code os_hash_value} all match. */
        OK,
        /** The store holds no object at the location. */
        MISSING,
        /** The object has fewer bytes than the image's {@code size}. */
        SHORT,
        /** The object has the recorded size (or more bytes) but a checksum or hash differs. */
        CORRUPTED,
        /** The store could not be read (not configured, failing, or the read broke off); try again later. */
        UNREADABLE;

        /** The lower-case name used on the wire, in the database and in metrics. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @throws IllegalArgumentException for a name that is no status
         */
        public static Status fromWire(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    public ImageVerification {
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(locationUrl, "locationUrl");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(checkedAt, "checkedAt");
        detail = detail == null ? "" : detail;
    }
}
