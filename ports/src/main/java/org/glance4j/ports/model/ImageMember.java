package org.glance4j.ports.model;

import java.time.Instant;
import java.util.Objects;

/** A project that an image is shared with, and its answer. */
public record ImageMember(String imageId, String memberId, MemberStatus status, Instant createdAt, Instant updatedAt) {
    public ImageMember {
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
