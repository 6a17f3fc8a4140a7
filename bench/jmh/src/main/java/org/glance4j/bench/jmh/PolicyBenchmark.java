package org.glance4j.bench.jmh;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.glance4j.core.policy.ImageTargets;
import org.glance4j.core.policy.PolicyEngine;
import org.glance4j.ports.model.RequestContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

/**
 * Policy evaluation, which every request does at least once: Glance's default rules for a project member reading
 * and downloading an image of its project, for a reader of another project (refused), and an operator's
 * {@code policy.yaml} overrides parsed into a new engine (done once at start-up, timed to know its cost).
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PolicyBenchmark extends BenchmarkDefaults {

    private static final RequestContext OTHER_READER =
            new RequestContext("req-jmh", "other", "elsewhere", Set.of("reader"));
    private static final Map<String, String> OVERRIDES = Map.of(
            "download_image", "role:admin or (role:member and project_id:%(project_id)s)",
            "publicize_image", "role:admin or role:image_publisher",
            "delete_image",
                    "rule:context_is_admin or (role:member and project_id:%(project_id)s"
                            + " and not 'protected':%(protected)s)");

    private PolicyEngine defaults;
    private Map<String, Object> target;

    @Setup
    public void setUp() {
        defaults = PolicyEngine.defaults();
        target = ImageTargets.proposed("project", "private");
    }

    @Benchmark
    public boolean memberGetsAnImageOfItsProject() {
        return defaults.allows("get_image", MEMBER, target);
    }

    @Benchmark
    public boolean memberDownloadsAnImageOfItsProject() {
        return defaults.allows("download_image", MEMBER, target);
    }

    @Benchmark
    public boolean readerOfAnotherProjectIsRefused() {
        return defaults.allows("get_image", OTHER_READER, target);
    }

    @Benchmark
    public PolicyEngine parseOverrides() {
        return PolicyEngine.withOverrides(OVERRIDES);
    }
}
