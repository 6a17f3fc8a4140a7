package org.glance4j.storage.jclouds;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

import org.glance4j.ports.error.GlanceException;

/**
 * A temporary file on the local disk where one part of an upload waits until its length is known (S3 and Swift
 * want a length for each object and part they receive). The heap holds one small buffer; the file is deleted on
 * {@link #close()}. Failures of the source stream keep their identity: an {@link IOException} arrives wrapped in
 * an {@link UncheckedIOException}, a runtime exception unchanged.
 */
final class Spool implements AutoCloseable {
    private static final int BUFFER = 256 * 1024;

    private final String storeId;
    private final Path file;
    private final FileChannel channel;
    private final byte[] buffer = new byte[BUFFER];
    private long length;

    private Spool(String storeId, Path file, FileChannel channel) {
        this.storeId = storeId;
        this.file = file;
        this.channel = channel;
    }

    static Spool create(String storeId, Path directory) {
        try {
            Path file = directory == null ? Files.createTempFile("glance4j-spool-", ".part")
                    : Files.createTempFile(directory, "glance4j-spool-", ".part");
            return new Spool(storeId, file, FileChannel.open(file, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING));
        } catch (IOException e) {
            throw localDisk(storeId, e);
        }
    }

    /**
     * Empties the spool and fills it with up to {@code limit} bytes of {@code source}.
     *
     * @return how many bytes the spool now holds; fewer than {@code limit} means the source has ended
     */
    long refill(InputStream source, long limit) {
        try {
            channel.truncate(0);
            channel.position(0);
        } catch (IOException e) {
            throw localDisk(storeId, e);
        }
        length = 0;
        while (length < limit) {
            int n;
            try {
                n = source.read(buffer, 0, (int) Math.min(buffer.length, limit - length));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (n < 0) {
                break;
            }
            try {
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
            } catch (IOException e) {
                throw localDisk(storeId, e);
            }
            length += n;
        }
        return length;
    }

    Path file() {
        return file;
    }

    long length() {
        return length;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the file goes next
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file left in the temp dir; nothing a caller can do about it
        }
    }

    /** The local disk's failure in the API's words; the exception (with its path) stays the cause, for logs. */
    static GlanceException localDisk(String storeId, IOException e) {
        String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        String why;
        if (text.contains("no space left on device") || text.contains("disk quota exceeded")) {
            why = "the local disk is full";
        } else if (e instanceof NoSuchFileException || e instanceof AccessDeniedException
                || text.contains("read-only file system")) {
            why = "the spool directory cannot be written; the store is unavailable, try again later";
        } else {
            why = "the local disk failed; the store is unavailable, try again later";
        }
        return GlanceException.unavailable("Store '" + storeId + "' cannot keep image data on the local disk"
                + " while it uploads: " + why, e);
    }
}
