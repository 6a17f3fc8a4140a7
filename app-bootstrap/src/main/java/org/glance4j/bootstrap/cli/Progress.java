package org.glance4j.bootstrap.cli;

import java.io.Console;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress of a long operator command: a bar drawn on the terminal when there is one ({@link System#console()}),
 * nothing at all otherwise (a pipe, a log file, a test), redrawn only when the shown percentage changes so that a
 * large run does not flood the terminal; and, in every case, the counted items, bytes and seconds for the command's
 * summary line.
 */
public final class Progress {
    private static final int WIDTH = 30;

    private final PrintWriter terminal;
    private final String kind;
    private final long total;
    private final LongSupplier nanoTime;
    private final long started;
    private long done;
    private long bytes;
    private int shownPercent = -1;

    /**
     * A progress of {@code total} items of a {@code kind} ({@code "images"}), drawn on {@code terminal}, or nowhere
     * when it is null.
     */
    public Progress(PrintWriter terminal, String kind, long total, LongSupplier nanoTime) {
        this.terminal = terminal;
        this.kind = kind;
        this.total = total;
        this.nanoTime = nanoTime;
        this.started = nanoTime.getAsLong();
    }

    /** A progress drawn on the terminal when there is one, and never drawn when there is none. */
    public static Progress onTerminal(String kind, long total) {
        Console console = System.console();
        return new Progress(console == null ? null : console.writer(), kind, total, System::nanoTime);
    }

    /** One more item done. */
    public void step() {
        step(0);
    }

    /** One more item done, of {@code itemBytes} bytes. */
    public void step(long itemBytes) {
        done++;
        bytes += itemBytes;
        if (terminal == null) {
            return;
        }
        int percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
        if (percent != shownPercent) {
            shownPercent = percent;
            draw();
        }
    }

    /**
     * Prints a line of the command's own output ({@code loaded X from Y}) above the bar: the bar is wiped, the line
     * printed, and the bar drawn again below it. Without a terminal, just prints the line.
     */
    public void println(PrintStream stream, String line) {
        boolean drawn = terminal != null && shownPercent >= 0;
        if (drawn) {
            terminal.print("\r" + " ".repeat(bar().length()) + "\r");
            terminal.flush();
        }
        stream.println(line);
        stream.flush();
        if (drawn) {
            draw();
        }
    }

    private void draw() {
        terminal.print("\r" + bar());
        terminal.flush();
    }

    private String bar() {
        int filled = shownPercent * WIDTH / 100;
        return kind + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + shownPercent + "% " + done + "/"
                + total;
    }

    /** Ends the bar's line, so that what follows starts on a line of its own. */
    public void finish() {
        if (terminal != null && shownPercent >= 0) {
            terminal.println();
            terminal.flush();
        }
    }

    /** The items done so far. */
    public long done() {
        return done;
    }

    /** The bytes of the items done so far. */
    public long bytes() {
        return bytes;
    }

    /** The seconds since the start, with one decimal: {@code 12.3 s}. */
    public String elapsed() {
        return seconds(nanoTime.getAsLong() - started);
    }

    /** The seconds since {@code startNanos} (a {@link System#nanoTime()}), with one decimal: {@code 12.3 s}. */
    public static String secondsSince(long startNanos) {
        return seconds(System.nanoTime() - startNanos);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** The end of a summary line: {@code 12345 bytes in 0.4 s}. */
    public String bytesAndElapsed() {
        return bytes + " bytes in " + elapsed();
    }
}
