package org.glance4j.core.quota;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.UsageService;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.out.ImageRepository;
import org.glance4j.ports.out.ProjectLimits;

/**
 * Glance's four unified limits ({@code use_keystone_limits}), checked before the work as Glance checks them: the
 * current usage plus the request's delta must not exceed the limit, a limit nobody registered counting as 0.
 * A refusal is {@code TOO_LARGE} with the wording of oslo.limit inside Glance's 413 text.
 *
 * <p>Off ({@link #off()}), every check passes and usage is empty.
 */
public final class UnifiedLimits implements UsageService {

    public static final String IMAGE_SIZE_TOTAL = "image_size_total";
    public static final String IMAGE_STAGE_TOTAL = "image_stage_total";
    public static final String IMAGE_COUNT_TOTAL = "image_count_total";
    public static final String IMAGE_COUNT_UPLOADING = "image_count_uploading";
    private static final List<String> ALL =
            List.of(IMAGE_SIZE_TOTAL, IMAGE_STAGE_TOTAL, IMAGE_COUNT_TOTAL, IMAGE_COUNT_UPLOADING);
    private static final long MIB = 1024L * 1024L;

    private final ImageRepository images;
    private final ProjectLimits limits;
    private final Object[] stripes = new Object[64];
    private final InFlightUploads inFlight = new InFlightUploads();

    public UnifiedLimits(ImageRepository images, ProjectLimits limits) {
        this.images = images;
        this.limits = limits;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    /**
     * Runs {@code work} (a check and the change it allows) while no other guarded work of the same project runs on
     * this node, so that two requests cannot both pass a check that only one of them fits.
     */
    public <T> T guarded(String projectId, java.util.function.Supplier<T> work) {
        if (!enabled()) {
            return work.get();
        }
        synchronized (stripes[Math.floorMod(String.valueOf(projectId).hashCode(), stripes.length)]) {
            return work.get();
        }
    }

    /**
     * Checks {@code image_size_total} for an upload of {@code declaredBytes} (negative: unknown) and, when it fits,
     * holds the declared size, and then the bytes streamed, against the project until the returned reservation is
     * closed, so that concurrent uploads cannot together go past the limit by more than one image
     * ({@link InFlightUploads}).
     */
    public StoredSizeReservation reserveStoredSize(String projectId, long declaredBytes) {
        if (!enabled()) {
            return StoredSizeReservation.none();
        }
        long declared = Math.max(0, declaredBytes);
        return guarded(projectId, () -> {
            InFlightUploads.Snapshot before = inFlight.beforeMeasure(projectId);
            long limit = limitOf(projectId, IMAGE_SIZE_TOTAL);
            long stored = ProjectUsage.of(images, projectId).storedBytes;
            long used = (stored + before.heldBytes()) / MIB;
            if (limit >= 0 && used + declared / MIB > limit) {
                throw overLimit(projectId, IMAGE_SIZE_TOTAL, limit, used, declared / MIB);
            }
            return new StoredSizeReservation(
                    inFlight.start(projectId, before, stored, limit < 0 ? -1 : limit * MIB, declared),
                    projectId,
                    limit);
        });
    }

    public static UnifiedLimits off() {
        return new UnifiedLimits(null, null);
    }

    public boolean enabled() {
        return limits != null;
    }

    /** Before a new image record: one more image must fit {@code image_count_total}. */
    public void checkNewImage(String projectId) {
        check(projectId, IMAGE_COUNT_TOTAL, 1);
    }

    /** Before an upload or import writes to a store: {@code image_size_total}, the declared size as delta. */
    public void checkStoredSize(String projectId, long declaredBytes) {
        check(projectId, IMAGE_SIZE_TOTAL, Math.max(0, declaredBytes) / MIB);
    }

    /** Before a stage: {@code image_stage_total}, the declared size as delta. */
    public void checkStagedSize(String projectId, long declaredBytes) {
        check(projectId, IMAGE_STAGE_TOTAL, Math.max(0, declaredBytes) / MIB);
    }

    /**
     * After the image was moved to saving or uploading (so it counts itself): {@code image_count_uploading} with no
     * delta, as Glance checks it.
     */
    public void checkUploading(String projectId) {
        check(projectId, IMAGE_COUNT_UPLOADING, 0);
    }

    private void check(String projectId, String resource, long delta) {
        check(projectId, resource, delta, 0);
    }

    private void check(String projectId, String resource, long delta, long reserved) {
        if (!enabled()) {
            return;
        }
        long limit = limitOf(projectId, resource);
        long used = usageOf(ProjectUsage.of(images, projectId), resource) + reserved;
        if (limit >= 0 && used + delta > limit) {
            throw overLimit(projectId, resource, limit, used, delta);
        }
    }

    private long limitOf(String projectId, String resource) {
        return limits.limitsOf(projectId, List.of(resource)).getOrDefault(resource, 0L);
    }

    /** Glance's 413 text around oslo.limit's wording of one resource over its limit. */
    static GlanceException overLimit(String projectId, String resource, long limit, long used, long delta) {
        return GlanceException.tooLarge("The request returned a 413 Request Entity Too Large. This generally "
                + "means that rate limiting or a quota threshold was breached.\n\nThe response body:\nProject "
                + projectId + " is over a limit for [Resource " + resource + " is over limit of " + limit
                + " due to current usage " + used + " and delta " + delta + "]");
    }

    @Override
    public Map<String, ResourceUsage> usage(RequestContext context) {
        Map<String, ResourceUsage> answer = new LinkedHashMap<>();
        if (!enabled()) {
            return answer;
        }
        Map<String, Long> known = limits.limitsOf(context.projectId(), new ArrayList<>(ALL));
        ProjectUsage usage = ProjectUsage.of(images, context.projectId());
        for (String resource : ALL) {
            answer.put(resource, new ResourceUsage(known.getOrDefault(resource, 0L), usageOf(usage, resource)));
        }
        return answer;
    }

    private static long usageOf(ProjectUsage usage, String resource) {
        return switch (resource) {
            case IMAGE_SIZE_TOTAL -> usage.storedBytes / MIB;
            case IMAGE_STAGE_TOTAL -> usage.stagedBytes / MIB;
            case IMAGE_COUNT_TOTAL -> usage.imageCount;
            case IMAGE_COUNT_UPLOADING -> usage.uploadingCount;
            default -> throw new IllegalArgumentException(resource);
        };
    }
}
