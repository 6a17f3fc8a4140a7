package org.glance4j.core.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glance4j.core.lifecycle.ImageLifecycle;
import org.glance4j.core.listing.ListFilterParser;
import org.glance4j.core.listing.ListParameterParser;
import org.glance4j.core.listing.ListRequest;
import org.glance4j.core.policy.ImagePolicy;
import org.glance4j.core.policy.PolicyEngine;
import org.glance4j.core.policy.PropertyProtections;
import org.glance4j.core.quota.UnifiedLimits;
import org.glance4j.core.settings.CoreSettings;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ImageList;
import org.glance4j.ports.in.ImageService;
import org.glance4j.ports.in.ListParameters;
import org.glance4j.ports.in.PatchOperation;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageLocation;
import org.glance4j.ports.model.ImageQuery;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.out.ImageRepository;

/** The image records of the Images API v2 with Glance's rules; see {@link ImageService}. */
public final class DefaultImageService implements ImageService {

    private final ImageRepository images;
    private final PolicyEngine policies;
    private final ImageAccess access;
    private final Timestamps time;
    private final NewImageFactory factory;
    private final PatchRequestParser patchParser;
    private final PatchApplier patchApplier;
    private final ListParameterParser listParser;
    private final ListFilterParser filterParser = new ListFilterParser();
    private final DataRemoval dataRemoval;
    private final PropertyProtections protections;
    private final LocationPatcher locationPatcher;
    private final UnifiedLimits limits;

    /**
     * With {@code dataRemoval} called for every image this service deletes, after the record is deleted;
     * {@code locationPatcher} applying patch operations on {@code /locations}; the operator's property
     * {@code protections} applied to every custom property read, created, updated or deleted; and {@code limits}
     * checked before a new image is stored ({@code image_count_total}).
     */
    public DefaultImageService(
            ImageServiceParts parts,
            ImageRules rules,
            CoreSettings settings,
            DataRemoval dataRemoval,
            LocationPatcher locationPatcher,
            PropertyProtections protections,
            UnifiedLimits limits) {
        this.images = parts.images();
        this.policies = parts.policies();
        this.access = parts.access();
        this.time = parts.time();
        this.limits = limits;
        this.dataRemoval = dataRemoval;
        this.locationPatcher = locationPatcher;
        this.protections = protections;
        this.factory = new NewImageFactory(rules);
        this.patchParser = new PatchRequestParser(rules);
        this.patchApplier = new PatchApplier(rules, locationPatcher);
        this.listParser = new ListParameterParser(settings);
    }

    @Override
    public Image create(RequestContext context, Map<String, Object> body) {
        Image image = factory.create(context, new ImagePolicy(policies, context), body, time.now());
        for (String property : image.properties().keySet()) {
            protections.require(context, property, PropertyProtections.Operation.CREATE);
        }
        try {
            limits.guarded(context.projectId(), () -> {
                limits.checkNewImage(context.projectId());
                images.add(image);
                return image;
            });
        } catch (GlanceException e) {
            if (e.category() == ErrorCategory.CONFLICT) {
                throw GlanceException.conflict("Image ID " + image.id() + " already exists!");
            }
            throw e;
        }
        return protections.readableView(context, image);
    }

    @Override
    public Image get(RequestContext context, String imageId) {
        ImagePolicy policy = new ImagePolicy(policies, context);
        ImageAccess.Found found = access.load(context, policy, imageId);
        policy.getImage(found.image(), found.memberId());
        return withoutHiddenLocations(policy, protections.readableView(context, found.image()));
    }

    @Override
    public ImageList list(RequestContext context, ListParameters parameters) {
        ListRequest request = listParser.parse(parameters == null ? ListParameters.empty() : parameters);
        ImagePolicy policy = new ImagePolicy(policies, context);
        policy.getImages();
        ListFilterParser.Parsed filters = filterParser.parse(request.filters(), request.protectedFilter());
        Image marker = request.marker() == null ? null : marker(context, policy, request.marker());
        ImageQuery query = new ImageQuery(
                new ImageQuery.Viewer(context.projectId(), policy.isAdmin()),
                request.visibility(),
                request.memberStatus(),
                filters.conditions(),
                filters.propertyConditions(),
                request.tags(),
                request.osHidden(),
                request.sort(),
                marker,
                request.limit(),
                context.cancellation());
        List<Image> page = images.list(query);
        List<Image> shown = new ArrayList<>();
        for (Image image : page) {
            if (policy.check("get_image", image, access.memberIdOf(context, image))) {
                shown.add(withoutHiddenLocations(policy, protections.readableView(context, image)));
            }
        }
        String next = !shown.isEmpty() && page.size() == request.limit()
                ? shown.get(shown.size() - 1).id()
                : null;
        return new ImageList(shown, next);
    }

    private Image marker(RequestContext context, ImagePolicy policy, String markerId) {
        Image marker = images.find(markerId)
                .filter(i -> !i.isDeleted())
                .orElseThrow(() -> GlanceException.invalid("No image found with ID " + markerId + " (the marker)"));
        if (!ImageAccess.isVisible(context, policy.isAdmin(), marker, access.memberIdOf(context, marker))) {
            throw GlanceException.forbidden("Forbidding request, image " + markerId + " not visible");
        }
        return marker;
    }

    @Override
    public Image update(RequestContext context, String imageId, List<PatchOperation> operations) {
        List<ImageChange> changes = patchParser.parse(operations);
        ImagePolicy policy = new ImagePolicy(policies, context);
        Image[] before = new Image[1];
        Image updated = RevisionRetry.run(() -> {
            ImageAccess.Found found = access.load(context, policy, imageId);
            Image view = protections.readableView(context, found.image());
            before[0] = found.image();
            if (changes.isEmpty()) {
                return view;
            }
            Image changed = patchApplier.apply(view, found.memberId(), policy, changes, guard(context));
            Image merged = protections.merge(context, found.image(), changed);
            Image saved = images.update(merged.toBuilder()
                    .updatedAt(time.after(found.image().updatedAt()))
                    .build());
            return protections.readableView(context, saved);
        });
        List<ImageLocation> dropped = new ArrayList<>();
        for (ImageLocation location : before[0].locations()) {
            if (updated.locations().stream().noneMatch(l -> l.url().equals(location.url()))) {
                dropped.add(location);
            }
        }
        if (!dropped.isEmpty()) {
            locationPatcher.removeData(updated, dropped);
        }
        return withoutHiddenLocations(policy, updated);
    }

    /**
     * The image as shown to the caller: Glance gives a non-administrator no locations of a deactivated image (so no
     * {@code locations}, {@code direct_url} or {@code stores} either). Only what is returned is trimmed, never what
     * is stored.
     */
    private static Image withoutHiddenLocations(ImagePolicy policy, Image image) {
        if (image.status() != ImageStatus.DEACTIVATED || image.locations().isEmpty() || policy.isAdmin()) {
            return image;
        }
        return image.toBuilder().locations(List.of()).build();
    }

    private CustomPropertyGuard guard(RequestContext context) {
        if (!protections.enabled()) {
            return CustomPropertyGuard.OPEN;
        }
        return new CustomPropertyGuard() {
            @Override
            public void beforeCreate(String name) {
                protections.require(context, name, PropertyProtections.Operation.CREATE);
            }

            @Override
            public void beforeUpdate(String name) {
                protections.require(context, name, PropertyProtections.Operation.UPDATE);
            }

            @Override
            public void beforeDelete(String name) {
                protections.require(context, name, PropertyProtections.Operation.DELETE);
            }
        };
    }

    @Override
    public void delete(RequestContext context, String imageId) {
        ImagePolicy policy = new ImagePolicy(policies, context);
        // As Glance, the bytes go first: a store that refuses because they are in use (an RBD snapshot with
        // clones) stops the deletion with a conflict while the record is still whole.
        Image before = deletable(context, policy, imageId);
        dataRemoval.removeDataOf(before);
        Image deleted = RevisionRetry.run(() -> {
            Image current = deletable(context, policy, imageId);
            Image marked = ImageLifecycle.of(current).moveTo(ImageStatus.DELETED, time.after(current.updatedAt()));
            return images.update(marked);
        });
        // an upload that completed in between left a location the first removal did not see
        List<ImageLocation> late = deleted.locations().stream()
                .filter(location -> !before.locations().contains(location))
                .toList();
        if (!late.isEmpty()) {
            dataRemoval.removeDataOf(deleted.toBuilder().locations(late).build());
        }
    }

    private Image deletable(RequestContext context, ImagePolicy policy, String imageId) {
        ImageAccess.Found found = access.load(context, policy, imageId);
        policy.enforce("delete_image", found.image(), found.memberId());
        if (found.image().isProtected()) {
            throw GlanceException.forbidden("Image " + imageId + " is protected and cannot be deleted.");
        }
        return found.image();
    }
}
