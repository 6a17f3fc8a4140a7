package org.glance4j.ports.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A resumable upload of image data with the tus 1.0.0 protocol: what its creation said, kept until the upload
 * completes, is terminated or expires. How many bytes arrived is not part of the record: the part file holding them
 * says it (see {@code ResumablePartFiles}).
 *
 * @param id        the upload's id (the last segment of its URL)
 * @param imageId   the image the bytes are for
 * @param length    the total size in bytes ({@code Upload-Length}); for a {@link Kind#FINAL} upload, the sum of its
 *                  partials' lengths
 * @param kind      a whole upload, a partial one, or the final one concatenating partials
 * @param partials  for a {@link Kind#FINAL} upload, the ids of its partial uploads in order; empty otherwise
 * @param metadata  the {@code Upload-Metadata} header as the client sent it, or null
 * @param stated    digests the client stated for the whole image at creation; empty for none
 * @param storeId   the store the image goes to, or null for the default store
 * @param createdAt when the upload was created
 * @param expiresAt when the upload expires unless more bytes arrive
 */
public record TusUpload(
        String id,
        String imageId,
        long length,
        Kind kind,
        List<String> partials,
        String metadata,
        List<StatedDigest> stated,
        String storeId,
        Instant createdAt,
        Instant expiresAt) {

    /** What an upload is for ({@code Upload-Concat}). */
    public enum Kind {
        /** The image's bytes, without concatenation. */
        WHOLE,
        /** One part of the image's bytes ({@code Upload-Concat: partial}). */
        PARTIAL,
        /** The image's bytes as the concatenation of partial uploads ({@code Upload-Concat: final;...}). */
        FINAL
    }

    public TusUpload {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        partials = List.copyOf(partials);
        stated = List.copyOf(stated);
    }

    /** This upload with another expiry time. */
    public TusUpload expiringAt(Instant time) {
        return new TusUpload(id, imageId, length, kind, partials, metadata, stated, storeId, createdAt, time);
    }
}
