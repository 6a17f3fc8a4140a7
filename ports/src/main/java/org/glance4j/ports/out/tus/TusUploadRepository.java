package org.glance4j.ports.out.tus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.TusUpload;

/**
 * The records of resumable (tus) uploads, shared by every node so that any node may serve any request of an upload
 * and a restart loses none. A missing upload is never an error: {@link #find} answers empty, {@link #delete} false.
 * Every method throws {@link GlanceException} {@code UNAVAILABLE} when the database cannot be reached.
 */
public interface TusUploadRepository {

    /**
     * Keeps a new upload.
     *
     * @throws GlanceException {@code CONFLICT} when an upload with this id exists
     */
    void create(TusUpload upload);

    /** The upload with this id, or empty. */
    Optional<TusUpload> find(String uploadId);

    /** The uploads of one image, oldest first (then by id); empty when there is none. */
    List<TusUpload> ofImage(String imageId);

    /**
     * Moves the expiry time of an upload.
     *
     * @return false when there is no such upload
     */
    boolean renew(String uploadId, Instant expiresAt);

    /**
     * Deletes an upload's record.
     *
     * @return false when there was no such upload
     */
    boolean delete(String uploadId);

    /** At most {@code limit} uploads whose expiry time is before {@code now}, earliest expiry first. */
    List<TusUpload> expired(Instant now, int limit);
}
