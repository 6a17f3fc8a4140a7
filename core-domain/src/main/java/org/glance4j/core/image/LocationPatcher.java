package org.glance4j.core.image;

import java.util.List;
import org.glance4j.core.policy.ImagePolicy;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageLocation;

/**
 * Applies the patch operations on {@code /locations} (the legacy way of changing where an image's bytes are), and
 * removes the bytes of the locations a stored patch dropped. The core without stores uses {@link #REFUSING}.
 */
public interface LocationPatcher {

    /**
     * Refuses every change after its policy check, as Glance does while {@code show_multiple_locations} is off.
     */
    LocationPatcher REFUSING = new LocationPatcher() {
        @Override
        public Image apply(
                Image image, String memberId, ImagePolicy policy, String op, List<String> path, Object value) {
            switch (op) {
                case "replace":
                    if (isEmpty(value)) {
                        throw GlanceException.forbidden("Cannot set locations to empty list.");
                    }
                    policy.enforce("set_image_location", image, memberId);
                    throw invisible("update");
                case "add":
                    policy.enforce("set_image_location", image, memberId);
                    throw invisible("add");
                default:
                    policy.enforce("delete_image_location", image, memberId);
                    throw invisible("remove");
            }
        }

        @Override
        public void removeData(Image image, List<ImageLocation> dropped) {}
    };

    /**
     * The image with one {@code locations} operation applied (timestamps and revision untouched).
     *
     * @param op    add, replace or remove
     * @param path  the decoded pointer: {@code [locations]} or {@code [locations, position]}
     * @param value the operation's value (null for remove)
     * @throws GlanceException with Glance's category for each refusal
     */
    Image apply(Image image, String memberId, ImagePolicy policy, String op, List<String> path, Object value);

    /** Removes the bytes behind locations that a stored patch took off the image; never throws. */
    void removeData(Image image, List<ImageLocation> dropped);

    /** Glance's refusal of a location change while locations are hidden. */
    static GlanceException invisible(String verb) {
        return GlanceException.forbidden("It's not allowed to " + verb + " locations if locations are invisible.");
    }

    /** Whether a replace value counts as empty (Glance tests its truth). */
    static boolean isEmpty(Object value) {
        return value == null
                || (value instanceof List<?> l && l.isEmpty())
                || "".equals(value)
                || Boolean.FALSE.equals(value);
    }
}
