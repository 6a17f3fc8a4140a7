package org.glance4j.ports.out;

import java.util.List;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.ImageVerification;

/**
 * The last verification result of each stored copy of an image (one per image and location URL).
 */
public interface ImageVerificationRepository {

    /**
     * Keeps {@code result} as the last result of its image and location, replacing an earlier one.
     *
     * @throws GlanceException {@code UNAVAILABLE} when the database cannot be written
     */
    void record(ImageVerification result);

    /**
     * The results kept, ordered by image id, store id and location URL; an empty list when there is none.
     *
     * @param status only results with this status, or null for all
     * @throws GlanceException {@code UNAVAILABLE} when the database cannot be read
     */
    List<ImageVerification> latest(ImageVerification.Status status);
}
