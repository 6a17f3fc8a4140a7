package org.glance4j.core.archfixture;

/** Breaks the core's no-I/O rule: runs a command itself. */
public final class CoreRunningAProcess {
    public ProcessBuilder command() {
        return new ProcessBuilder("qemu-img", "info");
    }
}
