package org.glance4j.core.policy;

import java.util.Map;
import java.util.Objects;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.RequestContext;

/**
 * The policy checks of the image calls, with Glance's target and its error translation: on an existing image a
 * refusal is {@code NOT_FOUND} when the caller may not even see the image ({@code get_image}), otherwise
 * {@code FORBIDDEN}. Making an image public or community is checked by {@code publicize_image} or
 * {@code communitize_image}.
 */
public final class ImagePolicy {

    private final PolicyEngine engine;
    private final RequestContext context;
    private final PolicyCredentials credentials;

    public ImagePolicy(PolicyEngine engine, RequestContext context) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.context = Objects.requireNonNull(context, "context");
        this.credentials = engine.credentials(context);
    }

    /** Whether the caller is an administrator. */
    public boolean isAdmin() {
        return engine.allows("context_is_admin", credentials, ImageTargets.project(context.projectId()));
    }

    /** The soft check of a rule on an existing image. */
    public boolean check(String rule, Image image, String memberId) {
        return engine.allows(rule, credentials, ImageTargets.of(image, memberId));
    }

    /** {@code get_image}: refusal is {@code NOT_FOUND}. */
    public void getImage(Image image, String memberId) {
        if (!check("get_image", image, memberId)) {
            throw notFound(image.id());
        }
    }

    /** {@code get_images} on the caller's project. */
    public void getImages() {
        if (!engine.allows("get_images", credentials, ImageTargets.project(context.projectId()))) {
            throw forbidden("get_images");
        }
    }

    /** Enforces a rule on an existing image, with Glance's NOT_FOUND-or-FORBIDDEN translation. */
    public void enforce(String rule, Image image, String memberId) {
        if (check(rule, image, memberId)) {
            return;
        }
        if (!check("get_image", image, memberId)) {
            throw notFound(image.id());
        }
        throw forbidden(rule);
    }

    /** The check of a property change: visibility rules for visibility, then {@code modify_image}. */
    public void updateProperty(Image image, String memberId, String name, Object value) {
        if (name.equals("visibility")) {
            enforceVisibility(image, memberId, value);
        }
        enforce("modify_image", image, memberId);
    }

    private void enforceVisibility(Image image, String memberId, Object visibility) {
        if ("public".equals(visibility)) {
            enforce("publicize_image", image, memberId);
        } else if ("community".equals(visibility)) {
            enforce("communitize_image", image, memberId);
        }
    }

    /** {@code add_image} on a proposed image, then the visibility rules. */
    public void addImage(String owner, String visibility) {
        Map<String, Object> target = ImageTargets.proposed(owner, visibility);
        if (!engine.allows("add_image", credentials, target)) {
            if (!Objects.equals(owner, context.projectId())) {
                throw GlanceException.forbidden("You are not permitted to create images owned by '" + owner + "'.");
            }
            throw forbidden("add_image");
        }
        if ("public".equals(visibility) && !engine.allows("publicize_image", credentials, target)) {
            throw forbidden("publicize_image");
        }
        if ("community".equals(visibility) && !engine.allows("communitize_image", credentials, target)) {
            throw forbidden("communitize_image");
        }
    }

    static GlanceException forbidden(String rule) {
        return GlanceException.forbidden("You are not authorized to complete " + rule + " action.");
    }

    static GlanceException notFound(String imageId) {
        return GlanceException.notFound("No image found with ID " + imageId);
    }
}
