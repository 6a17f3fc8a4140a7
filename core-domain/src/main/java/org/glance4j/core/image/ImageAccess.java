package org.glance4j.core.image;

import org.glance4j.core.policy.ImagePolicy;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.Visibility;
import org.glance4j.ports.out.ImageMemberRepository;
import org.glance4j.ports.out.ImageRepository;

/**
 * Reads an image the way Glance's repository layer does for one caller: deleted or unknown images are
 * {@code NOT_FOUND}, and so are images the caller may not see (an administrator sees all; everyone sees public,
 * community and owner-less images; the owner's project sees its own; a shared image is seen by its members,
 * whatever their member status).
 */
public final class ImageAccess {

    private final ImageRepository images;
    private final ImageMemberRepository members;

    public ImageAccess(ImageRepository images, ImageMemberRepository members) {
        this.images = images;
        this.members = members;
    }

    /** A visible image and the caller's membership of it. */
    public record Found(Image image, String memberId) {}

    /** The image, when it exists, is not deleted and is visible to the caller; NOT_FOUND otherwise. */
    public Found load(RequestContext context, ImagePolicy policy, String imageId) {
        Image image = imageId == null ? null : images.find(imageId).orElse(null);
        if (image == null || image.isDeleted()) {
            throw notFound(imageId);
        }
        String memberId = memberIdOf(context, image);
        if (!isVisible(context, policy.isAdmin(), image, memberId)) {
            throw notFound(imageId);
        }
        return new Found(image, memberId);
    }

    /**
     * The caller's project when it is a member of the image (any status), else null. Only a shared image that the
     * caller does not own can give its members anything (Glance keeps members off other images), so no other image
     * costs a look-up: a page of a thousand owned images makes no membership queries.
     */
    public String memberIdOf(RequestContext context, Image image) {
        if (context.projectId() == null
                || image.visibility() != Visibility.SHARED
                || context.projectId().equals(image.owner())) {
            return null;
        }
        return members.find(image.id(), context.projectId()).isPresent() ? context.projectId() : null;
    }

    static boolean isVisible(RequestContext context, boolean admin, Image image, String memberId) {
        if (admin || image.owner() == null) {
            return true;
        }
        if (image.visibility() == Visibility.PUBLIC || image.visibility() == Visibility.COMMUNITY) {
            return true;
        }
        if (context.projectId() == null) {
            return false;
        }
        if (context.projectId().equals(image.owner())) {
            return true;
        }
        return image.visibility() == Visibility.SHARED && memberId != null;
    }

    static GlanceException notFound(String imageId) {
        return GlanceException.notFound("No image found with ID " + imageId);
    }
}
