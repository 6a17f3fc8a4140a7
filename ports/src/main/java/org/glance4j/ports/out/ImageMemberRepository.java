package org.glance4j.ports.out;

import java.util.List;
import java.util.Optional;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.ImageMember;

/**
 * Where image memberships live (the projects an image is shared with). Thread-safe; every call atomic. The list
 * query of {@link ImageRepository} reads the same memberships, so an implementation of both shares one store.
 */
public interface ImageMemberRepository {

    /**
     * Stores a new membership.
     *
     * @throws GlanceException with category {@code CONFLICT} when this project is already a member of the image
     */
    void add(ImageMember member);

    /** The membership, or empty when the project is not a member of the image. */
    Optional<ImageMember> find(String imageId, String memberId);

    /**
     * Replaces the status and updated time of an existing membership.
     *
     * @throws GlanceException with category {@code NOT_FOUND} when the membership does not exist
     */
    void update(ImageMember member);

    /**
     * Removes a membership.
     *
     * @return whether a membership was removed (false when there was none)
     */
    boolean remove(String imageId, String memberId);

    /** The memberships of an image, oldest first; empty when there are none or the image does not exist. */
    List<ImageMember> listForImage(String imageId);
}
