package org.glance4j.core.archfixture;

/** Breaks the core's no-I/O rule: names a file with {@code java.io.File}. */
public final class CoreUsingIoFile {
    public long length(String name) {
        return new java.io.File(name).length();
    }
}
