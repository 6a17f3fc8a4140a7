package org.glance4j.core.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What one disk format looks like, read from the regions of the stream it asks for. A probe never reads on its
 * own: {@link FormatInspection} offers it the bytes that pass, and it may ask for more regions as it learns where
 * its structures sit. It throws {@link NotThisFormatException} when the bytes rule its format out.
 *
 * <p>The checks and numbers follow Glance's format inspector (oslo.utils {@code imageutils.format_inspector}).
 */
abstract class FormatProbe {

    private final List<Region> regions = new ArrayList<>();
    private TailRegion tail;

    /** Glance's {@code disk_format} name of this format. */
    abstract String name();

    /** Whether the bytes seen so far are this format; {@code ended} says the stream is over. */
    abstract boolean matches(boolean ended);

    /** The virtual size the format records; zero or less when unknown. {@code total}: bytes in the stream. */
    abstract long virtualSize(long total);

    /** Adds one {@code "check: description"} line per failed safety check (called only on a complete match). */
    abstract void safetyChecks(List<String> problems);

    /** The variant within the format, as the image names it (the VMDK createType), or null. */
    String subformat() {
        return null;
    }

    /** Called after every offer of bytes; may add regions. Must be idempotent. */
    void examine() {}

    /** Called once when the stream ended after {@code total} bytes. */
    void end(long total) {}

    /** Whether every region it asked for is complete (Glance refuses to safety-check an incomplete file). */
    boolean complete(long total) {
        for (Region region : regions) {
            if (!region.complete()) {
                return false;
            }
        }
        return tail == null || tail.complete(total);
    }

    final Region region(long offset, int length) {
        Region region = new Region(offset, length);
        regions.add(region);
        return region;
    }

    final void drop(Region region) {
        regions.remove(region);
    }

    final TailRegion tail(int length) {
        if (tail == null) {
            tail = new TailRegion(length);
        }
        return tail;
    }

    final TailRegion tail() {
        return tail;
    }

    final int regionCount() {
        return regions.size();
    }

    /** Offers bytes at stream position {@code pos} to every region, then lets the probe examine what it has. */
    final void offer(byte[] b, int off, int len, long pos) {
        int before;
        do {
            before = regions.size();
            for (int k = 0; k < regions.size(); k++) {
                regions.get(k).offer(b, off, len, pos);
            }
            examine();
        } while (regions.size() > before);
        if (tail != null) {
            tail.offer(b, off, len, pos);
        }
    }

    /** Whether this probe still wants bytes from {@code position} on (an incomplete region, or a tail). */
    final boolean hungry() {
        if (tail != null) {
            return true;
        }
        for (Region region : regions) {
            if (!region.complete()) {
                return true;
            }
        }
        return false;
    }

    /** The lowest stream position at or after {@code position} that a region waits for; MAX_VALUE if none. */
    final long nextWanted(long position) {
        long next = Long.MAX_VALUE;
        for (Region region : regions) {
            long wanted = region.nextWanted();
            if (wanted >= position && wanted < next) {
                next = wanted;
            }
        }
        return next;
    }

    /** Bytes of heap held by this probe's regions. */
    final int held() {
        int sum = tail == null ? 0 : tail.held();
        for (Region region : regions) {
            sum += region.held();
        }
        return sum;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A failed safety check, as the problem line the result carries. */
    static String problem(String check, String description) {
        return check + ": " + description;
    }
}
