package org.glance4j.ports.in;

import java.util.Map;
import org.glance4j.ports.model.RequestContext;

/** {@code GET /v2/info/usage}: how much of each unified limit the caller's project uses. */
public interface UsageService {

    /** One limit and what the project uses of it, in the limit's unit (MiB for sizes, images for counts). */
    record ResourceUsage(long limit, long usage) {}

    /**
     * The usage of the caller's project, keyed by resource name ({@code image_size_total}, {@code image_stage_total},
     * {@code image_count_total}, {@code image_count_uploading}).
     *
     * @return an empty map when unified limits are off; never null
     * @throws org.glance4j.ports.error.GlanceException with category {@code UNAVAILABLE} when the limits cannot be
     *                                                  read now
     */
    Map<String, ResourceUsage> usage(RequestContext context);
}
