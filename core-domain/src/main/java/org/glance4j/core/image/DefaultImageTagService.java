package org.glance4j.core.image;

import java.util.ArrayList;
import java.util.List;
import org.glance4j.core.policy.ImagePolicy;
import org.glance4j.core.policy.PolicyEngine;
import org.glance4j.core.text.StorableText;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ImageTagService;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.out.ImageRepository;

/**
 * Adding and removing single tags with Glance's rules: the tag is validated against the schema first (400), then
 * the image is found (404) and {@code modify_image} checked; adding an existing tag succeeds without a change,
 * removing a missing one is 404, the tag quota is 413. Concurrent changes are retried, never lost.
 */
public final class DefaultImageTagService implements ImageTagService {

    private final ImageRepository images;
    private final PolicyEngine policies;
    private final ImageRules rules;
    private final ImageAccess access;
    private final Timestamps time;

    public DefaultImageTagService(ImageServiceParts parts, ImageRules rules) {
        this.images = parts.images();
        this.policies = parts.policies();
        this.access = parts.access();
        this.time = parts.time();
        this.rules = rules;
    }

    @Override
    public void addTag(RequestContext context, String imageId, String tag) {
        StorableText.requireIdentifier("Tag", tag);
        rules.validateValue("tags", java.util.Arrays.asList(tag));
        ImagePolicy policy = new ImagePolicy(policies, context);
        RevisionRetry.run(() -> {
            ImageAccess.Found found = access.load(context, policy, imageId);
            Image image = found.image();
            policy.enforce("modify_image", image, found.memberId());
            if (image.tags().contains(tag)) {
                return image;
            }
            List<String> tags = new ArrayList<>(image.tags());
            tags.add(tag);
            Image changed = image.toBuilder()
                    .tags(tags)
                    .updatedAt(time.after(image.updatedAt()))
                    .build();
            rules.checkTagQuota(image.tags(), changed.tags());
            ImageRules.validateStorableChanges(image, changed);
            return images.update(changed);
        });
    }

    @Override
    public void removeTag(RequestContext context, String imageId, String tag) {
        ImagePolicy policy = new ImagePolicy(policies, context);
        RevisionRetry.run(() -> {
            ImageAccess.Found found = access.load(context, policy, imageId);
            Image image = found.image();
            policy.enforce("modify_image", image, found.memberId());
            if (!image.tags().contains(tag)) {
                throw GlanceException.notFound("Tag " + tag + " not found on image " + imageId + ".");
            }
            List<String> tags = new ArrayList<>(image.tags());
            tags.remove(tag);
            return images.update(image.toBuilder()
                    .tags(tags)
                    .updatedAt(time.after(image.updatedAt()))
                    .build());
        });
    }
}
