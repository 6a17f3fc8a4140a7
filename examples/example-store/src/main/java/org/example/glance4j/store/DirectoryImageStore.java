package org.example.glance4j.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.Set;

import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.store.ByteRange;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.out.store.StoredObject;

/**
 * An example store: one file per image in a directory, named by the image id. Locations are
 * {@code dir://<store id>/<image id>}. A write goes to a temporary file that is renamed when complete, so a failed
 * write leaves nothing readable behind.
 */
public final class DirectoryImageStore implements ImageStore {
    static final String SCHEME = "dir://";
    private static final Set<StoreCapability> CAPABILITIES = Set.copyOf(EnumSet.of(
            StoreCapability.READ, StoreCapability.READ_RANGE, StoreCapability.WRITE, StoreCapability.DELETE));

    private final String id;
    private final Path directory;

    public DirectoryImageStore(String id, Path directory) {
        this.id = id;
        this.directory = directory;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Set<StoreCapability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public StoredObject write(String imageId, InputStream data, long expectedSize) {
        Path temporary;
        try {
            temporary = Files.createTempFile(directory, ".upload-", ".tmp");
        } catch (IOException e) {
            throw unavailable("write image data", e);
        }
        try {
            long size;
            try (OutputStream out = Files.newOutputStream(temporary)) {
                size = copy(data, out);
            }
            Files.move(temporary, directory.resolve(imageId), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            return new StoredObject(SCHEME + id + "/" + imageId, size);
        } catch (IOException e) {
            throw unavailable("write image data", e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }

    /** Copies {@code data} to {@code out}; a failure of {@code data} is the caller's, so it is not translated. */
    private static long copy(InputStream data, OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        while (true) {
            int n;
            try {
                n = data.read(buffer);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (n < 0) {
                return total;
            }
            out.write(buffer, 0, n);
            total += n;
        }
    }

    @Override
    public InputStream read(String location, ByteRange range) {
        FileChannel channel;
        try {
            channel = FileChannel.open(fileOf(location));
        } catch (IOException e) {
            throw translate("read image data", e);
        }
        try {
            long size = channel.size();
            if (range == null) {
                return Channels.newInputStream(channel);
            }
            if (range.offset() >= size) {
                channel.close();
                throw new GlanceException(ErrorCategory.RANGE_NOT_SATISFIABLE,
                        "Range starts past the end of the image data in store '" + id + "'");
            }
            channel.position(range.offset());
            long length = Math.min(range.length(), size - range.offset());
            return new BoundedStream(Channels.newInputStream(channel), length);
        } catch (IOException e) {
            throw translate("read image data", e);
        }
    }

    @Override
    public long size(String location) {
        try {
            return Files.size(fileOf(location));
        } catch (IOException e) {
            throw translate("read the size of image data", e);
        }
    }

    @Override
    public boolean delete(String location) {
        try {
            return Files.deleteIfExists(fileOf(location));
        } catch (IOException e) {
            throw translate("delete image data", e);
        }
    }

    private Path fileOf(String location) {
        String prefix = SCHEME + id + "/";
        String name = location.startsWith(prefix) ? location.substring(prefix.length()) : "";
        if (name.isEmpty() || name.contains("/") || name.startsWith(".")) {
            throw GlanceException.invalid("Store '" + id + "' has no location " + location);
        }
        if (!Files.isDirectory(directory)) {
            throw unavailable("find its directory", null);
        }
        return directory.resolve(name);
    }

    private GlanceException translate(String doing, IOException e) {
        if (e instanceof NoSuchFileException) {
            return GlanceException.notFound("No image data at this location in store '" + id + "'");
        }
        return unavailable(doing, e);
    }

    private GlanceException unavailable(String doing, IOException cause) {
        return GlanceException.unavailable("Store '" + id + "' cannot " + doing, cause);
    }

    /** At most {@code left} bytes of a stream. */
    private static final class BoundedStream extends java.io.FilterInputStream {
        private long left;

        BoundedStream(InputStream in, long left) {
            super(in);
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            left -= Math.max(n, 0);
            return n;
        }
    }
}
