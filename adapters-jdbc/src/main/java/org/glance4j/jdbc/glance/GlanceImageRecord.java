package org.glance4j.jdbc.glance;

import java.util.List;
import java.util.Objects;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageMember;

/**
 * One image of a Glance database with what hangs on it.
 *
 * @param image     the image with its columns, custom properties and tags, ids and times as Glance kept them; its
 *                  locations are empty (they come apart, because only the caller knows which store serves them)
 * @param members   its memberships with their statuses, oldest first
 * @param locations its locations in Glance's order (oldest first)
 */
public record GlanceImageRecord(Image image, List<ImageMember> members, List<GlanceLocation> locations) {
    public GlanceImageRecord {
        Objects.requireNonNull(image, "image");
        members = List.copyOf(members);
        locations = List.copyOf(locations);
    }
}
