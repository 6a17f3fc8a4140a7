package org.glance4j.core.data;

import org.glance4j.core.image.ImageAccess;
import org.glance4j.core.image.ImageServiceParts;
import org.glance4j.core.image.RevisionRetry;
import org.glance4j.core.image.Timestamps;
import org.glance4j.core.lifecycle.ImageLifecycle;
import org.glance4j.core.policy.ImagePolicy;
import org.glance4j.core.policy.PolicyEngine;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ImageActionService;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.out.ImageRepository;

/**
 * Deactivate and reactivate with Glance's rules: the {@code deactivate}/{@code reactivate} policies, only between
 * {@code active} and {@code deactivated}, a no-op when the image is already there, and Glance's refusal
 * ({@code FORBIDDEN}, "Not allowed to deactivate image in status '...'") from any other status.
 */
public final class DefaultImageActionService implements ImageActionService {

    private final ImageRepository images;
    private final PolicyEngine policies;
    private final ImageAccess access;
    private final Timestamps time;

    public DefaultImageActionService(ImageServiceParts parts) {
        this.images = parts.images();
        this.policies = parts.policies();
        this.access = parts.access();
        this.time = parts.time();
    }

    @Override
    public void deactivate(RequestContext context, String imageId) {
        act(context, imageId, "deactivate", ImageStatus.ACTIVE, ImageStatus.DEACTIVATED);
    }

    @Override
    public void reactivate(RequestContext context, String imageId) {
        act(context, imageId, "reactivate", ImageStatus.DEACTIVATED, ImageStatus.ACTIVE);
    }

    private void act(RequestContext context, String imageId, String rule, ImageStatus from, ImageStatus to) {
        ImagePolicy policy = new ImagePolicy(policies, context);
        RevisionRetry.run(() -> {
            ImageAccess.Found found = access.load(context, policy, imageId);
            Image image = found.image();
            policy.enforce(rule, image, found.memberId());
            if (image.status() == to) {
                return image;
            }
            if (image.status() != from) {
                throw GlanceException.forbidden("Not allowed to " + rule + " image in status '"
                        + image.status().wireName() + "'");
            }
            return images.update(ImageLifecycle.of(image).moveTo(to, time.after(image.updatedAt())));
        });
    }
}
