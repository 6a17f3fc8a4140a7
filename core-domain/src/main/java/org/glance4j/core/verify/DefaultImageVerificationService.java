package org.glance4j.core.verify;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glance4j.core.data.ImageStores;
import org.glance4j.core.policy.ImageTargets;
import org.glance4j.core.policy.PolicyEngine;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ImageVerificationService;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageField;
import org.glance4j.ports.model.ImageLocation;
import org.glance4j.ports.model.ImageQuery;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.ImageVerification;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.out.ImageRepository;
import org.glance4j.ports.out.ImageVerificationRepository;

/**
 * {@link ImageVerificationService} over the image repository and the stores: pages through the active and
 * deactivated images in id order, reads each location of each one ({@link StoredCopyCheck}) through one
 * {@link Throttle} for the whole run, records and reports each result, and logs every copy that is not OK as a
 * warning. The listing is admin-only by the policy rule {@value #RULE}.
 */
public final class DefaultImageVerificationService implements ImageVerificationService {

    /** The policy rule of the listing. */
    public static final String RULE = "verify_images";

    private static final Logger LOG = Logger.getLogger(DefaultImageVerificationService.class.getName());
    private static final int PAGE = 200;

    private final ImageRepository images;
    private final ImageStores stores;
    private final ImageVerificationRepository results;
    private final PolicyEngine policies;
    private final StoredCopyCheck check;

    public DefaultImageVerificationService(
            ImageRepository images,
            ImageStores stores,
            ImageVerificationRepository results,
            PolicyEngine policies,
            Clock clock) {
        this.images = images;
        this.stores = stores;
        this.results = results;
        this.policies = policies;
        this.check = new StoredCopyCheck(stores, clock);
    }

    @Override
    public Summary verify(Scope scope, long bytesPerSecond, Consumer<ImageVerification> progress) {
        if (scope.storeId() != null && stores.byId(scope.storeId()).isEmpty()) {
            throw GlanceException.invalid(
                    "Store " + scope.storeId() + " is not configured; there are " + String.join(", ", stores.ids()));
        }
        Throttle throttle = new Throttle(bytesPerSecond);
        Map<ImageVerification.Status, Integer> counts = new EnumMap<>(ImageVerification.Status.class);
        long[] bytesRead = {0};
        Consumer<Image> verifyImage = image -> {
            for (ImageLocation location : image.locations()) {
                if (scope.storeId() != null && !scope.storeId().equals(location.storeId())) {
                    continue;
                }
                ImageVerification result = check.check(image, location, throttle, bytesRead);
                results.record(result);
                counts.merge(result.status(), 1, Integer::sum);
                if (result.status() != ImageVerification.Status.OK) {
                    LOG.log(
                            Level.WARNING,
                            "verification of image " + image.id() + " in store '" + location.storeId() + "': "
                                    + result.status().wireName() + ": " + result.detail());
                }
                progress.accept(result);
            }
        };
        if (scope.imageId() != null) {
            Image image = images.find(scope.imageId())
                    .filter(i -> !i.isDeleted() && !i.locations().isEmpty())
                    .orElseThrow(
                            () -> GlanceException.notFound("No image with id " + scope.imageId() + " has stored data"));
            verifyImage.accept(image);
        } else {
            eachImageWithData(verifyImage);
        }
        return new Summary(counts, bytesRead[0]);
    }

    /** Every active and deactivated image, by id, page after page. */
    private void eachImageWithData(Consumer<Image> action) {
        Image marker = null;
        while (true) {
            List<Image> page = images.list(new ImageQuery(
                    new ImageQuery.Viewer(null, true),
                    ImageQuery.VisibilityFilter.ALL,
                    null,
                    List.of(new ImageQuery.Condition(
                            ImageField.STATUS,
                            ImageQuery.Operator.IN,
                            List.of(ImageStatus.ACTIVE.wireName(), ImageStatus.DEACTIVATED.wireName()))),
                    List.of(),
                    List.of(),
                    null,
                    List.of(new ImageQuery.SortOrder(ImageField.ID, true)),
                    marker,
                    PAGE));
            for (Image listed : page) {
                // the full record, locations included, as it is now
                images.find(listed.id()).filter(i -> !i.isDeleted()).ifPresent(action);
            }
            if (page.size() < PAGE) {
                return;
            }
            marker = page.get(page.size() - 1);
        }
    }

    @Override
    public List<ImageVerification> lastResults(RequestContext context, ImageVerification.Status status) {
        if (!policies.allows(RULE, context, ImageTargets.project(context.projectId()))) {
            throw GlanceException.forbidden("You are not authorized to see the image verification results");
        }
        return results.latest(status);
    }
}
