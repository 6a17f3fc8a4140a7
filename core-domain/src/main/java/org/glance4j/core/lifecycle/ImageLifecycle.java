package org.glance4j.core.lifecycle;

import static org.glance4j.ports.model.ImageStatus.ACTIVE;
import static org.glance4j.ports.model.ImageStatus.DEACTIVATED;
import static org.glance4j.ports.model.ImageStatus.DELETED;
import static org.glance4j.ports.model.ImageStatus.IMPORTING;
import static org.glance4j.ports.model.ImageStatus.KILLED;
import static org.glance4j.ports.model.ImageStatus.PENDING_DELETE;
import static org.glance4j.ports.model.ImageStatus.QUEUED;
import static org.glance4j.ports.model.ImageStatus.SAVING;
import static org.glance4j.ports.model.ImageStatus.UPLOADING;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;

/**
 * The status machine of an image: which status may follow which (Glance's {@code valid_state_targets}), and what
 * a move does to the record. An instance wraps one image's current status; {@link #moveTo} returns the changed
 * image or refuses with {@code CONFLICT}.
 *
 * <p>Side effects of a move, as in Glance: going back to {@code queued} forgets {@code size} and
 * {@code virtual_size}; leaving {@code queued} or {@code uploading} for {@code saving}, {@code active} or
 * {@code importing} needs both formats set ({@code INVALID} otherwise); reaching {@code deleted} stamps
 * {@code deletedAt}.
 */
public final class ImageLifecycle {

    private static final Map<ImageStatus, Set<ImageStatus>> TARGETS = new EnumMap<>(ImageStatus.class);

    static {
        TARGETS.put(QUEUED, EnumSet.of(SAVING, UPLOADING, IMPORTING, ACTIVE, DELETED));
        TARGETS.put(SAVING, EnumSet.of(ACTIVE, KILLED, DELETED, QUEUED));
        TARGETS.put(UPLOADING, EnumSet.of(IMPORTING, QUEUED, DELETED));
        TARGETS.put(IMPORTING, EnumSet.of(ACTIVE, DELETED, QUEUED));
        TARGETS.put(ACTIVE, EnumSet.of(PENDING_DELETE, DELETED, DEACTIVATED));
        TARGETS.put(KILLED, EnumSet.of(DELETED));
        TARGETS.put(PENDING_DELETE, EnumSet.of(DELETED, ACTIVE));
        TARGETS.put(DELETED, EnumSet.noneOf(ImageStatus.class));
        TARGETS.put(DEACTIVATED, EnumSet.of(ACTIVE, DELETED));
    }

    private static final Set<ImageStatus> DATA_STATUSES = EnumSet.of(SAVING, ACTIVE, IMPORTING);

    private final Image image;

    private ImageLifecycle(Image image) {
        this.image = image;
    }

    /** The lifecycle of this image, at its current status. */
    public static ImageLifecycle of(Image image) {
        return new ImageLifecycle(image);
    }

    /** The statuses that may directly follow {@code from}. */
    public static Set<ImageStatus> targetsOf(ImageStatus from) {
        return Set.copyOf(TARGETS.get(from));
    }

    /** Whether {@code to} may directly follow {@code from}. */
    public static boolean allows(ImageStatus from, ImageStatus to) {
        return TARGETS.get(from).contains(to);
    }

    public ImageStatus status() {
        return image.status();
    }

    public boolean canMoveTo(ImageStatus target) {
        return allows(image.status(), target);
    }

    /**
     * The image after moving to {@code target} at {@code now}.
     *
     * @throws GlanceException {@code CONFLICT} when the move is not allowed from the current status,
     *                         {@code INVALID} when data would be accepted before both formats are set
     */
    public Image moveTo(ImageStatus target, Instant now) {
        ImageStatus current = image.status();
        if (!allows(current, target)) {
            throw GlanceException.conflict("Image status transition from " + current.wireName() + " to "
                    + target.wireName() + " is not allowed");
        }
        if ((current == QUEUED || current == UPLOADING) && DATA_STATUSES.contains(target)) {
            List<String> missing = new ArrayList<>();
            if (image.diskFormat() == null) {
                missing.add("disk_format");
            }
            if (image.containerFormat() == null) {
                missing.add("container_format");
            }
            if (!missing.isEmpty()) {
                throw GlanceException.invalid((missing.size() == 1 ? "Property " : "Properties ")
                        + String.join(", ", missing) + " must be set prior to saving data.");
            }
        }
        Image.Builder next = image.toBuilder().status(target).updatedAt(now);
        if (target == QUEUED) {
            next.size(null).virtualSize(null);
        }
        if (target == DELETED) {
            next.deletedAt(now);
        }
        return next.build();
    }
}
