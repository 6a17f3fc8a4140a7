package org.glance4j.storage.cache.archfixture;

/** Follows the rules: the image cache adapter over the JDK and ports. */
public final class CleanCacheFiles {
    public java.nio.file.Path directory;
    public org.glance4j.ports.out.cache.ImageCacheFiles files;
}
