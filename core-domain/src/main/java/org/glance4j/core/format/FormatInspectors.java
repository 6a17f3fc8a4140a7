package org.glance4j.core.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Format inspection of an image at rest, such as a staged file. */
public final class FormatInspectors {

    private static final int CHUNK = 64 * 1024;

    private FormatInspectors() {
    }

    /**
     * Inspects a file as {@link InspectingInputStream} would inspect its bytes, reading only the regions the
     * formats want (the first sectors, an ISO descriptor at 32 KiB, VHDX tables where its header points, the last
     * 1.5 KiB for a streamOptimized VMDK) rather than the whole file.
     *
     * @throws UncheckedIOException when the file cannot be read
     */
    public static InspectionResult inspect(Path file) {
        return inspect(file, false);
    }

    static InspectionResult inspect(Path file, boolean strict) {
        FormatInspection inspection = new FormatInspection(strict);
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
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
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " for format inspection", e);
        }
        return inspection.result();
    }

    private static int readAt(FileChannel channel, ByteBuffer buffer, long at, int length) throws IOException {
        buffer.clear();
        buffer.limit(length);
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
