package org.glance4j.core.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;

/**
 * The staging area of imports ({@code os_glance_staging_store}): a local directory with one file per image, named
 * after its id, plus work files of the plugins ({@code <id>.<suffix>}). A file is written under a temporary name
 * and renamed when complete, so a staged file is always whole.
 */
public final class StagingArea {

    private static final Logger LOG = Logger.getLogger(StagingArea.class.getName());
    private static final int BUFFER = 1 << 20;

    private final Path dir;

    /**
     * @throws IllegalStateException when the directory cannot be created
     */
    public StagingArea(Path dir) {
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

    /** Where the staged data of an image is (it may not exist). */
    public Path pathOf(String imageId) {
        return dir.resolve(safe(imageId));
    }

    /** A work file beside the staged data of an image. */
    public Path workFile(String imageId, String suffix) {
        return dir.resolve(safe(imageId) + "." + suffix);
    }

    public boolean has(String imageId) {
        return Files.exists(pathOf(imageId));
    }

    /**
     * Writes the staged data of an image, all or nothing.
     *
     * @return the number of bytes written
     * @throws GlanceException {@code CONFLICT} when the image already has staged data, {@code TOO_LARGE} past
     *                         {@code cap} bytes or when the disk is full, {@code INVALID} when the stream breaks
     */
    public long write(String imageId, InputStream data, long cap) {
        Path target = pathOf(imageId);
        if (Files.exists(target)) {
            throw GlanceException.conflict("The image " + imageId + " has data on staging");
        }
        Path temp = dir.resolve("." + safe(imageId) + "." + UUID.randomUUID() + ".part");
        try {
            long size;
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                size = copyCapped(data, out, cap);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                throw GlanceException.conflict("The image " + imageId + " has data on staging");
            }
            return size;
        } catch (IOException e) {
            if (isDiskFull(e)) {
                throw new GlanceException(ErrorCategory.TOO_LARGE,
                        "Image storage media is full: the staging area has no room left.", e);
            }
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** Copies until the end of {@code in}, refusing more than {@code cap} bytes. */
    static long copyCapped(InputStream in, OutputStream out, long cap) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            total += n;
            if (total > cap) {
                throw GlanceException.tooLarge("The incoming image is too large: The provided image is too large.");
            }
            out.write(buffer, 0, n);
        }
        return total;
    }

    private static boolean isDiskFull(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("No space left on device") || message.contains("Disk quota exceeded");
    }

    /** Deletes the staged data of an image and every work file of it; true when the staged data existed. */
    public boolean delete(String imageId) {
        String name = safe(imageId);
        boolean existed = deleteQuietly(dir.resolve(name));
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, name + ".*")) {
            for (Path path : leftovers) {
                deleteQuietly(path);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot list the work files of image " + imageId + " in " + dir + ": " + e);
        }
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, "." + name + ".*")) {
            for (Path path : parts) {
                deleteQuietly(path);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot list the partial files of image " + imageId + " in " + dir + ": " + e);
        }
        return existed;
    }

    static boolean deleteQuietly(Path path) {
        try {
            return Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot delete " + path + ": " + e);
            return false;
        }
    }

    /** An image id as a file name: no separators, no dots in front (ids are UUIDs, but be sure). */
    private static String safe(String imageId) {
        if (imageId == null || imageId.isEmpty() || imageId.startsWith(".") || imageId.contains("/")
                || imageId.contains("\\") || imageId.contains("\0")) {
            throw GlanceException.invalid("Invalid image id: " + imageId);
        }
        return imageId;
    }
}
