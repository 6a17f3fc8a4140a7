package org.glance4j.http;

/**
 * One check of the detailed healthcheck ({@code GET /healthcheck?detailed=true}): the database, an image store.
 * The simple healthcheck never runs probes, so a load balancer's frequent calls cost nothing.
 */
public interface HealthProbe {

    /** What is checked, shown as the reason's {@code class}, e.g. {@code database} or {@code store:fast}. */
    String name();

    /**
     * Checks once, on the calling thread.
     *
     * @return a short detail for the answer when the check passed (e.g. what was done)
     * @throws Exception when the checked part does not work; its message becomes the detail
     */
    String check() throws Exception;
}
