package org.glance4j.ports.out.store.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A temporary file on the local disk where one part of an upload waits until its length is known (backends such
 * as S3 and Swift want a length for each object and part they receive). The heap holds one small buffer; the file
 * is deleted on {@link #close()}. Use it for uploads of unknown size: {@link #refill(InputStream, long)} with the
 * part size, send {@link #length()} bytes from {@link #openInput()}, repeat until a refill returns less than the
 * part size.
 *
 * <p>Failures of the source stream keep their identity, as {@code ImageStore.write} promises: an
 * {@link IOException} arrives wrapped in an {@link UncheckedIOException}, a runtime exception unchanged. Failures
 * of the local disk are {@code UNAVAILABLE} {@link org.glance4j.ports.error.GlanceException}s naming the store
 * ({@link StoreErrors#localDisk(String, IOException)}). Not thread-safe.
 */
public final class Spool implements AutoCloseable {
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

    /**
     * A new, empty spool file.
     *
     * @param storeId   the store, named in errors
     * @param directory where to put the file; null for the system's temporary directory
     */
    public static Spool create(String storeId, Path directory) {
        try {
            Path file = directory == null
                    ? Files.createTempFile("glance4j-spool-", ".part")
                    : Files.createTempFile(directory, "glance4j-spool-", ".part");
            return new Spool(
                    storeId,
                    file,
                    FileChannel.open(
                            file,
                            StandardOpenOption.READ,
                            StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING));
        } catch (IOException e) {
            throw StoreErrors.localDisk(storeId, e);
        }
    }

    /**
     * Empties the spool and fills it with up to {@code limit} bytes of {@code source}.
     *
     * @return how many bytes the spool now holds; fewer than {@code limit} means the source has ended
     */
    public long refill(InputStream source, long limit) {
        try {
            channel.truncate(0);
            channel.position(0);
        } catch (IOException e) {
            throw StoreErrors.localDisk(storeId, e);
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
                throw StoreErrors.localDisk(storeId, e);
            }
            length += n;
        }
        return length;
    }

    /** The spool file, for libraries that upload a file; valid until {@link #close()}. */
    public Path file() {
        return file;
    }

    /** How many bytes the last refill put into the spool. */
    public long length() {
        return length;
    }

    /** A new stream of the bytes the spool holds, from the first; closing it leaves the spool open (until the next refill). */
    public InputStream openInput() {
        return new BoundedInputStream(Channels.newInputStream(new PositionalView()), length);
    }

    /** Closes and deletes the file. Never throws. */
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

    /** A read-only view of the channel with its own position, so that several streams can read the spool. */
    private final class PositionalView implements java.nio.channels.ReadableByteChannel {
        private long position;

        @Override
        public int read(ByteBuffer destination) throws IOException {
            int n = channel.read(destination, position);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() {
            // the spool owns the channel
        }
    }
}
