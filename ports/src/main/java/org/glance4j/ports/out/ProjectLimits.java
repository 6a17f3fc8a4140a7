package org.glance4j.ports.out;

import java.util.Collection;
import java.util.Map;

/**
 * The unified limits of a project for the image service, as Keystone keeps them: a project limit where one is set,
 * otherwise the registered (default) limit of the resource. Implementations are thread-safe.
 */
public interface ProjectLimits {

    /**
     * The limit of each named resource for this project.
     *
     * @param projectId     the project whose limits are asked for
     * @param resourceNames the resources, e.g. {@code image_count_total}
     * @return one entry per requested name; a resource with neither a project limit nor a registered limit is
     *         absent from the map (the caller treats it as a limit of 0, as oslo.limit does)
     * @throws org.glance4j.ports.error.GlanceException with category {@code UNAVAILABLE} when the limits cannot be
     *                                                  read now (identity service down, refused credentials)
     */
    Map<String, Long> limitsOf(String projectId, Collection<String> resourceNames);
}
