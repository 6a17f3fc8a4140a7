package org.glance4j.storage.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.cache.ImageCacheFiles;
import org.glance4j.ports.out.store.ByteRange;
import org.glance4j.ports.out.store.support.FileRegionInputStream;

/**
 * A node's image cache in one directory, laid out as Glance lays out its cache: complete copies directly in it,
 * named by image id, and the copies being written in its {@code incomplete} subdirectory. A fill creates its
 * {@code incomplete/<id>} file exclusively (so of two fills of one image, in one process or two, one runs), and
 * {@link CacheFill#commit()} renames it into place in one atomic step: a reader sees a complete copy or none.
 * {@link #remove} removes a running fill's file too, so that a removal made during a fill is not undone by its
 * commit.
 */
public final class FileImageCache implements ImageCacheFiles {

    /** The subdirectory of the copies being written. */
    public static final String INCOMPLETE = "incomplete";

    private static final Logger LOG = Logger.getLogger(FileImageCache.class.getName());
    /** Image ids as files: nothing that could leave the directory or hide as a dot file. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,254}");

    private final Path directory;
    private final Path incomplete;

    private FileImageCache(Path directory) {
        this.directory = directory;
        this.incomplete = directory.resolve(INCOMPLETE);
    }

    /**
     * The cache in {@code directory}, creating it and its subdirectory when missing.
     *
     * @throws GlanceException {@code UNAVAILABLE} naming the directory when it cannot be created or written
     */
    public static FileImageCache open(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute.resolve(INCOMPLETE));
        } catch (IOException e) {
            throw unavailable("cannot create the image cache directory " + absolute, e);
        }
        if (!Files.isWritable(absolute) || !Files.isWritable(absolute.resolve(INCOMPLETE))) {
            throw unavailable("the image cache directory " + absolute + " is not writable", null);
        }
        return new FileImageCache(absolute);
    }

    /** The directory of the complete copies. */
    public Path directory() {
        return directory;
    }

    @Override
    public OptionalLong size(String imageId) {
        Path file = complete(imageId);
        if (file == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Files.size(file));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            throw unavailable("cannot read the size of cached image " + imageId, e);
        }
    }

    @Override
    public Optional<InputStream> open(String imageId, ByteRange range) {
        Path file = complete(imageId);
        if (file == null) {
            return Optional.empty();
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw unavailable("cannot open cached image " + imageId, e);
        }
        try {
            long size = channel.size();
            long offset = range == null ? 0 : Math.min(range.offset(), size);
            long length = range == null ? size : Math.min(range.length(), size - offset);
            return Optional.of(new FileRegionInputStream(channel, offset, length));
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw unavailable("cannot open cached image " + imageId, e instanceof IOException io ? io : null);
        }
    }

    @Override
    public Optional<CacheFill> beginFill(String imageId) {
        Path file = complete(imageId);
        if (file == null || Files.exists(file)) {
            return Optional.empty();
        }
        Path partial = incomplete.resolve(imageId);
        try {
            FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Object key =
                    Files.readAttributes(partial, BasicFileAttributes.class).fileKey();
            return Optional.of(new Fill(imageId, partial, key, channel));
        } catch (FileAlreadyExistsException e) {
            return Optional.empty(); // another fill runs, or stalled (the cleaner removes it)
        } catch (IOException e) {
            throw unavailable("cannot start caching image " + imageId, e);
        }
    }

    @Override
    public boolean remove(String imageId) {
        Path file = complete(imageId);
        if (file == null) {
            return false;
        }
        try {
            Files.deleteIfExists(incomplete.resolve(imageId));
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw unavailable("cannot remove cached image " + imageId, e);
        }
    }

    @Override
    public List<String> cachedImageIds() {
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, Files::isRegularFile)) {
            for (Path file : files) {
                ids.add(file.getFileName().toString());
            }
        } catch (IOException e) {
            throw unavailable("cannot list the image cache directory " + directory, e);
        }
        return ids;
    }

    @Override
    public long totalSize() {
        long total = 0;
        for (String id : cachedImageIds()) {
            total += size(id).orElse(0);
        }
        return total;
    }

    @Override
    public int removeStalledFills(Instant olderThan) {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(incomplete, Files::isRegularFile)) {
            for (Path file : files) {
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(olderThan) && Files.deleteIfExists(file)) {
                        removed++;
                        LOG.info("removed stalled image cache fill " + file);
                    }
                } catch (NoSuchFileException e) {
                    // committed or removed meanwhile
                }
            }
        } catch (IOException e) {
            throw unavailable("cannot clean the image cache directory " + incomplete, e);
        }
        return removed;
    }

    /** The path of the complete copy, or null for an id that cannot be a file name here (never cached). */
    private Path complete(String imageId) {
        return imageId != null && SAFE_ID.matcher(imageId).matches() && !imageId.equals(INCOMPLETE)
                ? directory.resolve(imageId)
                : null;
    }

    private final class Fill implements CacheFill {
        private final String imageId;
        private final Path partial;
        private final Object fileKey;
        private final FileChannel channel;
        private boolean done;

        Fill(String imageId, Path partial, Object fileKey, FileChannel channel) {
            this.imageId = imageId;
            this.partial = partial;
            this.fileKey = fileKey;
            this.channel = channel;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            try {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes, offset, length);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the cached copy of image " + imageId, e);
            }
        }

        @Override
        public long commit() {
            if (done) {
                throw new IllegalStateException("the fill of image " + imageId + " is over");
            }
            done = true;
            try {
                long size = channel.size();
                channel.close();
                Object now =
                        Files.readAttributes(partial, BasicFileAttributes.class).fileKey();
                if (fileKey != null && !fileKey.equals(now)) {
                    throw new NoSuchFileException(partial.toString(), null, "removed while being written");
                }
                Files.move(partial, directory.resolve(imageId), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                return size;
            } catch (NoSuchFileException e) {
                throw new GlanceException(
                        ErrorCategory.CONFLICT,
                        "the cached copy of image " + imageId + " was removed while being written",
                        e);
            } catch (IOException e) {
                deleteOwnPartial();
                throw unavailable("cannot complete the cached copy of image " + imageId, e);
            }
        }

        @Override
        public void close() {
            if (done) {
                return;
            }
            done = true;
            closeQuietly(channel);
            deleteOwnPartial();
        }

        /** Deletes the partial file unless another fill has made a new one of the same name meanwhile. */
        private void deleteOwnPartial() {
            try {
                Object now =
                        Files.readAttributes(partial, BasicFileAttributes.class).fileKey();
                if (fileKey == null || fileKey.equals(now)) {
                    Files.deleteIfExists(partial);
                }
            } catch (NoSuchFileException e) {
                // removed already
            } catch (IOException e) {
                LOG.warning("cannot delete the partial cached copy " + partial + ": " + e.getMessage());
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }

    private static GlanceException unavailable(String message, IOException cause) {
        return GlanceException.unavailable(cause == null ? message : message + ": " + cause.getMessage(), cause);
    }
}
