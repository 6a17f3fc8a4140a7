package org.glance4j.bootstrap;

import java.io.Console;
import java.io.PrintWriter;

/**
 * The progress bar of {@code db import-glance}: drawn on the terminal when there is one
 * ({@link System#console()}), and nothing at all otherwise (output to a pipe or a file, tests). It redraws only
 * when the shown percentage changes, so a large import does not flood the terminal.
 */
final class ImportProgress {
    private static final int WIDTH = 30;

    private final PrintWriter terminal;
    private final String kind;
    private final long total;
    private long done;
    private int shownPercent = -1;

    ImportProgress(PrintWriter terminal, String kind, long total) {
        this.terminal = terminal;
        this.kind = kind;
        this.total = total;
    }

    /** A progress bar on the terminal, or one that draws nothing when there is no terminal. */
    static ImportProgress onConsole(String kind, long total) {
        Console console = System.console();
        return new ImportProgress(console == null ? null : console.writer(), kind, total);
    }

    /** One more record done. */
    void step() {
        done++;
        if (terminal == null) {
            return;
        }
        int percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
        if (percent != shownPercent) {
            shownPercent = percent;
            int filled = percent * WIDTH / 100;
            terminal.print("\r" + kind + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent
                    + "% " + done + "/" + total);
            terminal.flush();
        }
    }

    /** Ends the bar's line, so that what follows starts on a line of its own. */
    void finish() {
        if (terminal != null && shownPercent >= 0) {
            terminal.println();
            terminal.flush();
        }
    }
}
