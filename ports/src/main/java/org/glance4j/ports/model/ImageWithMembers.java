package org.glance4j.ports.model;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An image together with the projects it is shared with: one entry of a bulk load
 * ({@link org.glance4j.ports.out.ImageRepository#addAllAbsent}).
 *
 * @param image   the image, stored exactly as given (tags, properties, locations and revision included)
 * @param members its memberships; each names {@code image}'s id, and no project appears twice
 */
public record ImageWithMembers(Image image, List<ImageMember> members) {
    public ImageWithMembers {
        Objects.requireNonNull(image, "image");
        members = List.copyOf(members);
        Set<String> projects = new HashSet<>();
        for (ImageMember member : members) {
            if (!member.imageId().equals(image.id())) {
                throw new IllegalArgumentException(
                        "a membership of image " + member.imageId() + " cannot go with image " + image.id());
            }
            if (!projects.add(member.memberId())) {
                throw new IllegalArgumentException(
                        "project " + member.memberId() + " is twice a member of image " + image.id());
            }
        }
    }

    /** The image without memberships. */
    public static ImageWithMembers of(Image image) {
        return new ImageWithMembers(image, List.of());
    }
}
