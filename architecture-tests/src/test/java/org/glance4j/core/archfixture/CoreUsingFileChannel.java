package org.glance4j.core.archfixture;

/** Breaks the core's no-I/O rule: keeps a file channel. */
public final class CoreUsingFileChannel {
    private java.nio.channels.FileChannel channel;

    public boolean open() {
        return channel != null && channel.isOpen();
    }
}
