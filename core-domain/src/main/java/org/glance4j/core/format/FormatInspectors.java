package org.glance4j.core.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/** Format inspection of an image at rest, such as staged data. */
public final class FormatInspectors {

    private static final int CHUNK = 64 * 1024;

    /**
     * The most bytes a path inspection reads: the probes' regions (see {@link InspectingInputStream#WINDOW_LIMIT}),
     * each read in whole chunks of 64 KiB, and the tail.
     */
    public static final int READ_LIMIT = 2 * 1024 * 1024;

    private FormatInspectors() {}

    /**
     * Inspects data at rest as {@link InspectingInputStream} would inspect its bytes, reading only the regions the
     * formats want (the first sectors, an ISO descriptor at 32 KiB, VHDX tables where its header points, the last
     * 1.5 KiB for a streamOptimized VMDK) rather than the whole data. The channel is left open.
     *
     * @throws UncheckedIOException when the data cannot be read
     */
    public static InspectionResult inspect(SeekableByteChannel data) {
        try {
            return inspect(data, false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the data for format inspection", e);
        }
    }

    /**
     * Inspects what a channel holds, reading from its start only the chunks the probes want, then its tail when
     * a probe wants it; reads at most {@link #READ_LIMIT} bytes whatever the content.
     */
    static InspectionResult inspect(SeekableByteChannel channel, boolean strict) throws IOException {
        FormatInspection inspection = new FormatInspection(strict);
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        long size = channel.size();
        long position = 0;
        while (true) {
            long next = inspection.nextWanted(position);
            if (next >= size) {
                break;
            }
            int n = readAt(channel, buffer, next, (int) Math.min(CHUNK, size - next));
            if (n <= 0) {
                break;
            }
            inspection.accept(buffer.array(), 0, n, next);
            position = next + n;
        }
        int tail = (int) Math.min(size, inspection.tailWanted());
        if (tail > 0) {
            ByteBuffer tailBuffer = ByteBuffer.allocate(tail);
            int n = readAt(channel, tailBuffer, size - tail, tail);
            inspection.accept(tailBuffer.array(), 0, n, size - tail);
        }
        inspection.end(size);
        return inspection.result();
    }

    private static int readAt(SeekableByteChannel channel, ByteBuffer buffer, long at, int length) throws IOException {
        buffer.clear();
        buffer.limit(length);
        channel.position(at);
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
