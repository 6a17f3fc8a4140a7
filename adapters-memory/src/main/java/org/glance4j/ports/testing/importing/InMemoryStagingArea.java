package org.glance4j.ports.testing.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.importing.StagingArea;

/**
 * A staging area in memory, for tests of small images: each write is read whole into an array, then published in
 * one step. It has no local files ({@link #localPath} is always empty), so a disk image tool cannot work on it. For
 * tests and embedding, not for large images; safe for concurrent use.
 */
public final class InMemoryStagingArea implements StagingArea {

    private final Map<String, byte[]> staged = new ConcurrentHashMap<>();

    @Override
    public long write(String imageId, InputStream data) {
        check(imageId);
        if (staged.containsKey(imageId)) {
            throw conflict(imageId);
        }
        byte[] bytes = readAll(data);
        if (staged.putIfAbsent(imageId, bytes) != null) {
            throw conflict(imageId);
        }
        return bytes.length;
    }

    @Override
    public long replace(String imageId, InputStream data) {
        check(imageId);
        if (!staged.containsKey(imageId)) {
            throw GlanceException.notFound("The image " + imageId + " has no data on staging");
        }
        byte[] bytes = readAll(data);
        if (staged.replace(imageId, bytes) == null) {
            throw GlanceException.notFound("The image " + imageId + " has no data on staging");
        }
        return bytes.length;
    }

    @Override
    public boolean has(String imageId) {
        check(imageId);
        return staged.containsKey(imageId);
    }

    @Override
    public OptionalLong size(String imageId) {
        check(imageId);
        byte[] bytes = staged.get(imageId);
        return bytes == null ? OptionalLong.empty() : OptionalLong.of(bytes.length);
    }

    @Override
    public Optional<SeekableByteChannel> open(String imageId) {
        check(imageId);
        byte[] bytes = staged.get(imageId);
        return bytes == null ? Optional.empty() : Optional.of(new BytesChannel(bytes));
    }

    @Override
    public boolean delete(String imageId) {
        check(imageId);
        return staged.remove(imageId) != null;
    }

    @Override
    public Optional<Path> localPath(String imageId) {
        check(imageId);
        return Optional.empty();
    }

    private static GlanceException conflict(String imageId) {
        return GlanceException.conflict("The image " + imageId + " has data on staging");
    }

    private static void check(String imageId) {
        if (imageId == null
                || imageId.isEmpty()
                || imageId.startsWith(".")
                || imageId.contains("/")
                || imageId.contains("\\")
                || imageId.contains("\0")) {
            throw GlanceException.invalid("Invalid image id: " + imageId);
        }
    }

    private static byte[] readAll(InputStream data) {
        try {
            return data.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A read-only channel over an array. */
    private static final class BytesChannel implements SeekableByteChannel {
        private final byte[] bytes;
        private long position;
        private boolean open = true;

        BytesChannel(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read(ByteBuffer target) throws IOException {
            ensureOpen();
            if (position >= bytes.length) {
                return -1;
            }
            int n = (int) Math.min(target.remaining(), bytes.length - position);
            target.put(bytes, (int) position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer source) {
            throw new java.nio.channels.NonWritableChannelException();
        }

        @Override
        public long position() throws IOException {
            ensureOpen();
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) throws IOException {
            ensureOpen();
            if (newPosition < 0) {
                throw new IllegalArgumentException("negative position");
            }
            position = newPosition;
            return this;
        }

        @Override
        public long size() throws IOException {
            ensureOpen();
            return bytes.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new java.nio.channels.NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }

        private void ensureOpen() throws IOException {
            if (!open) {
                throw new java.nio.channels.ClosedChannelException();
            }
        }
    }
}
