package org.glance4j.core.archfixture;

/** Breaks the core's no-I/O rule: reads a file itself. */
public final class CoreUsingFiles {
    public boolean staged(String name) {
        return java.nio.file.Files.exists(java.nio.file.Path.of(name));
    }
}
