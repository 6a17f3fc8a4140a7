package org.glance4j.core.archfixture;

/** Breaks the core's no-I/O rule: opens a file for random access. */
public final class CoreUsingRandomAccessFile {
    public java.io.RandomAccessFile open(String name) throws java.io.IOException {
        return new java.io.RandomAccessFile(name, "r");
    }
}
