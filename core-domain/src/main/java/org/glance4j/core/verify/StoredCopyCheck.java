package org.glance4j.core.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import org.glance4j.core.data.HashAlgorithm;
import org.glance4j.core.data.ImageStores;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageLocation;
import org.glance4j.ports.model.ImageVerification;
import org.glance4j.ports.model.ImageVerification.Status;
import org.glance4j.ports.out.store.ImageStore;

/**
 * Reads one stored copy of an image through its store, to the end, and says how it compares with what the image
 * records: its size, md5 {@code checksum} and {@code os_hash_value} (by {@code os_hash_algo}; a value whose
 * algorithm this JVM lacks is not compared, and the detail says so).
 */
final class StoredCopyCheck {
    private static final int BUFFER = 1 << 20;

    private final ImageStores stores;
    private final Clock clock;

    StoredCopyCheck(ImageStores stores, Clock clock) {
        this.stores = stores;
        this.clock = clock;
    }

    /** The result of reading {@code location} of {@code image}; the bytes read count on {@code throttle}. */
    ImageVerification check(Image image, ImageLocation location, Throttle throttle, long[] bytesRead) {
        ImageStore store = stores.byId(location.storeId()).orElse(null);
        if (store == null) {
            return result(
                    image,
                    location,
                    Status.UNREADABLE,
                    "store '" + location.storeId() + "' is not configured on this node");
        }
        MessageDigest md5 = HashAlgorithm.MD5.newDigest();
        MessageDigest hash = osHashDigest(image);
        long count = 0;
        try (InputStream in = store.read(location.url(), null)) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                md5.update(buffer, 0, n);
                if (hash != null) {
                    hash.update(buffer, 0, n);
                }
                count += n;
                bytesRead[0] += n;
                throttle.passed(n);
            }
        } catch (GlanceException e) {
            if (e.category() == ErrorCategory.NOT_FOUND && count == 0) {
                return result(image, location, Status.MISSING, "the store has no object there: " + e.getMessage());
            }
            return unreadable(image, location, count, e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            return unreadable(image, location, count, String.valueOf(e.getMessage()));
        }
        return compare(image, location, count, md5.digest(), hash == null ? null : hash.digest());
    }

    private ImageVerification compare(Image image, ImageLocation location, long count, byte[] md5, byte[] hash) {
        Long size = image.size();
        if (size != null && count < size) {
            return result(
                    image, location, Status.SHORT, "the copy has " + count + " bytes, the image's size is " + size);
        }
        if (size != null && count > size) {
            return result(
                    image,
                    location,
                    Status.CORRUPTED,
                    "the copy has " + count + " bytes, more than the " + "image's size " + size);
        }
        String actualMd5 = HexFormat.of().formatHex(md5);
        if (present(image.checksum()) && !image.checksum().equalsIgnoreCase(actualMd5)) {
            return result(
                    image,
                    location,
                    Status.CORRUPTED,
                    "checksum (md5) recorded " + image.checksum() + ", the copy has " + actualMd5);
        }
        if (hash != null && present(image.osHashValue())) {
            String actual = HexFormat.of().formatHex(hash);
            if (!image.osHashValue().equalsIgnoreCase(actual)) {
                return result(
                        image,
                        location,
                        Status.CORRUPTED,
                        "os_hash_value (" + image.osHashAlgo() + ") recorded " + image.osHashValue() + ", the copy has "
                                + actual);
            }
        }
        String unchecked = hash == null && present(image.osHashValue())
                ? "os_hash_value not compared: this server cannot compute " + image.osHashAlgo()
                : "";
        return result(image, location, Status.OK, unchecked);
    }

    private static MessageDigest osHashDigest(Image image) {
        if (!present(image.osHashAlgo()) || !present(image.osHashValue())) {
            return null;
        }
        try {
            return HashAlgorithm.of(image.osHashAlgo()).newDigest();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private ImageVerification unreadable(Image image, ImageLocation location, long count, String why) {
        return result(image, location, Status.UNREADABLE, "reading failed after " + count + " bytes: " + why);
    }

    private ImageVerification result(Image image, ImageLocation location, Status status, String detail) {
        return new ImageVerification(image.id(), location.storeId(), location.url(), status, clock.instant(), detail);
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }
}
