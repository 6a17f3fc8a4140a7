package org.glance4j.core.settings;

import java.util.Objects;

/**
 * The settings of image data, named after Glance's options: {@code image_size_cap} (bytes; an upload that passes
 * it is refused), {@code hashing_algorithm} (the {@code os_hash_algo} of new uploads, a Python {@code hashlib}
 * name such as {@code sha512} or {@code sha256}) and the id of this node, recorded on images while this node
 * uploads them so that a restart can find uploads it left unfinished.
 */
public record DataSettings(long imageSizeCap, String hashingAlgorithm, String nodeId) {

    public DataSettings {
        Objects.requireNonNull(hashingAlgorithm, "hashingAlgorithm");
        Objects.requireNonNull(nodeId, "nodeId");
        if (imageSizeCap < 0) {
            throw new IllegalArgumentException("imageSizeCap must not be negative");
        }
        if (nodeId.isBlank()) {
            throw new IllegalArgumentException("nodeId must not be blank");
        }
    }

    /** Glance's defaults: a cap of 1 TiB, sha512, and the node id {@code local}. */
    public static DataSettings defaults() {
        return new DataSettings(1_099_511_627_776L, "sha512", "local");
    }
}
