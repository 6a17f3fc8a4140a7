package org.glance4j.core.archfixture;

import java.util.Map;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.out.ImageRepository;

/** Follows every rule: core over the JDK and the ports. */
public final class CleanCore {
    private final ImageRepository repository;
    private final Map<String, Image> cache = new java.util.HashMap<>();

    public CleanCore(ImageRepository repository) {
        this.repository = repository;
    }

    public int size() {
        return cache.size() + (repository == null ? 0 : 1);
    }
}
