package org.glance4j.staging;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.importing.StagingArea;

/**
 * The staging area in a local directory: one file per image, named after its id. A file is written under a
 * temporary name ({@code .<id>.<random>.part}) and renamed when complete, so a staged file is always whole. Tools
 * working on a staged file (qemu-img) write their results beside it under the same kind of temporary name, so that
 * {@link #delete} removes them too.
 */
public final class FileStagingArea implements StagingArea {

    private static final Logger LOG = Logger.getLogger(FileStagingArea.class.getName());
    private static final int BUFFER = 1 << 20;

    private final Path dir;

    /**
     * @throws IllegalStateException when the directory cannot be created
     */
    public FileStagingArea(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the staging directory " + this.dir + ": " + e, e);
        }
    }

    public Path dir() {
        return dir;
    }

    @Override
    public long write(String imageId, InputStream data) {
        Path target = pathOf(imageId);
        if (Files.exists(target)) {
            throw GlanceException.conflict("The image " + imageId + " has data on staging");
        }
        return writeAside(imageId, data, temp -> {
            try {
                // A hard link publishes the complete file under its name only if no other writer did first: a
                // rename would silently replace the winner's file, so two concurrent writes could both succeed.
                // The temporary name goes in writeAside's finally.
                Files.createLink(target, temp);
            } catch (FileAlreadyExistsException e) {
                throw GlanceException.conflict("The image " + imageId + " has data on staging");
            } catch (UnsupportedOperationException noHardLinks) {
                if (Files.exists(target)) {
                    throw GlanceException.conflict("The image " + imageId + " has data on staging");
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        });
    }

    @Override
    public long replace(String imageId, InputStream data) {
        Path target = pathOf(imageId);
        if (!Files.exists(target)) {
            throw GlanceException.notFound("The image " + imageId + " has no data on staging");
        }
        return writeAside(
                imageId,
                data,
                temp -> Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE));
    }

    /** What to do with a completely written temporary file. */
    private interface Commit {
        void to(Path temp) throws IOException;
    }

    private long writeAside(String imageId, InputStream data, Commit commit) {
        Path temp = workFile(imageId);
        try {
            long size = 0;
            try (OutputStream out =
                    Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[BUFFER];
                int n;
                while ((n = data.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    size += n;
                }
            }
            commit.to(temp);
            return size;
        } catch (IOException e) {
            throw StagingFailures.of(e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * A fresh name beside the staged file of {@code imageId} for a file being written (by this staging area or a
     * tool); {@link #delete} removes it with the image's data.
     */
    Path workFile(String imageId) {
        return dir.resolve("." + safe(imageId) + "." + UUID.randomUUID() + ".part");
    }

    @Override
    public boolean has(String imageId) {
        return Files.exists(pathOf(imageId));
    }

    @Override
    public OptionalLong size(String imageId) {
        return MissingFiles.size(pathOf(imageId));
    }

    @Override
    public Optional<SeekableByteChannel> open(String imageId) {
        return MissingFiles.open(pathOf(imageId), path -> FileChannel.open(path, StandardOpenOption.READ));
    }

    @Override
    public Optional<Path> localPath(String imageId) {
        Path path = pathOf(imageId);
        return Files.exists(path) ? Optional.of(path) : Optional.empty();
    }

    @Override
    public boolean delete(String imageId) {
        String name = safe(imageId);
        boolean existed = deleteQuietly(dir.resolve(name));
        deleteMatching(name + ".*", "work files", imageId);
        deleteMatching("." + name + ".*", "partial files", imageId);
        return existed;
    }

    private void deleteMatching(String glob, String what, String imageId) {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, glob)) {
            for (Path path : leftovers) {
                deleteQuietly(path);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot list the " + what + " of image " + imageId + " in " + dir + ": " + e);
        }
    }

    static boolean deleteQuietly(Path path) {
        try {
            return Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot delete " + path + ": " + e);
            return false;
        }
    }

    private Path pathOf(String imageId) {
        return dir.resolve(safe(imageId));
    }

    /** An image id as a file name: no separators, no dots in front (ids are UUIDs, but be sure). */
    private static String safe(String imageId) {
        if (imageId == null
                || imageId.isEmpty()
                || imageId.startsWith(".")
                || imageId.contains("/")
                || imageId.contains("\\")
                || imageId.contains("\0")) {
            throw GlanceException.invalid("Invalid image id: " + imageId);
        }
        return imageId;
    }
}
