package org.glance4j.ports.in;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.ImageVerification;
import org.glance4j.ports.model.RequestContext;

/**
 * Integrity at rest: re-reads the stored copies of images and compares them with the size, {@code checksum} (md5)
 * and {@code os_hash_value} each image records, records the last result per image and location, and lists those
 * results. Nothing is ever repaired: a missing, short or corrupted copy is reported, the image is left as it is.
 */
public interface ImageVerificationService {

    /**
     * Which images to verify: all, those with a copy in one store, or one image (its copies in that store only,
     * when both are given).
     *
     * @param storeId a store id, or null for every store
     * @param imageId an image id, or null for every image
     */
    record Scope(String storeId, String imageId) {
        /** Every copy of every image. */
        public static Scope all() {
            return new Scope(null, null);
        }
    }

    /** How many copies were found in each state, and how many bytes were read. */
    record Summary(Map<ImageVerification.Status, Integer> counts, long bytesRead) {
        public Summary {
            EnumMap<ImageVerification.Status, Integer> all = new EnumMap<>(ImageVerification.Status.class);
            for (ImageVerification.Status status : ImageVerification.Status.values()) {
                all.put(status, counts.getOrDefault(status, 0));
            }
            counts = java.util.Collections.unmodifiableMap(all);
        }

        /** Copies checked. */
        public int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** True when every copy checked is {@link ImageVerification.Status#OK} (also when there was none). */
        public boolean allOk() {
            return total() == counts.get(ImageVerification.Status.OK);
        }
    }

    /**
     * Re-reads, one after the other, every stored copy of the {@code active} and {@code deactivated} images in
     * {@code scope}, at most {@code bytesPerSecond} on average (0 for no limit), records each result (replacing
     * the previous one of the same image and location) and hands it to {@code progress}. An operator's action
     * (command line or the server's periodic verification): no policy applies.
     *
     * @return the counts of the run
     * @throws GlanceException {@code NOT_FOUND} when {@code scope} names an image that does not exist or has no
     *                         data, {@code INVALID} when it names a store that is not configured
     */
    Summary verify(Scope scope, long bytesPerSecond, Consumer<ImageVerification> progress);

    /**
     * The last result of every image and location verified so far, by image id, then store and location.
     *
     * @param status only results with this status, or null for all
     * @throws GlanceException {@code FORBIDDEN} unless the policy rule {@code verify_images} (admin by default)
     *                         allows the caller
     */
    List<ImageVerification> lastResults(RequestContext context, ImageVerification.Status status);
}
