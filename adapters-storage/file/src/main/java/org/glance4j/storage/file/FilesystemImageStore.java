package org.glance4j.storage.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.store.ByteRange;
import org.glance4j.ports.out.store.ImagePart;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.out.store.StoredObject;
import org.glance4j.ports.out.store.support.FileRegionInputStream;
import org.glance4j.storage.file.FilesystemErrors.Operation;

/**
 * The {@code file} store: each image is one file named after the image id in {@code filesystem_store_datadir},
 * at the location {@code file://<data dir>/<image id>}, as glance_store writes it.
 *
 * <p>Crash safety: a write goes to a temporary file in the same directory ({@value #TEMP_PREFIX}{@code <image
 * id>.<random>}), streamed through one chunk-sized buffer, forced to disk, renamed atomically to its final name,
 * and then the directory is forced too. A reader therefore sees a whole image or none; temporary names are never
 * served, and the ones a crash left behind are removed when the store starts (an upload still running in another
 * process holds a lock on its temporary file and is left alone).
 *
 * <p>Reads are positioned reads on a {@link FileChannel} ({@link FileRegionInputStream}), so a range costs no
 * more than its own bytes, and a server may send the region with {@code FileChannel.transferTo}.
 */
public final class FilesystemImageStore implements ImageStore {
    /** Names of files being written start with this; nothing else in the data directory does. */
    public static final String TEMP_PREFIX = ".glance4j-partial.";

    private static final System.Logger LOG = System.getLogger(FilesystemImageStore.class.getName());
    private static final Set<StoreCapability> CAPABILITIES =
            Collections.unmodifiableSet(EnumSet.allOf(StoreCapability.class));
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id;
    private final FilesystemStoreSettings settings;
    private final Path dataDir;
    private final int leftoversRemoved;

    private FilesystemImageStore(String id, FilesystemStoreSettings settings, int leftoversRemoved) {
        this.id = id;
        this.settings = settings;
        this.dataDir = settings.dataDir();
        this.leftoversRemoved = leftoversRemoved;
    }

    /**
     * Opens the store: creates the data directory if it is missing, proves that a file can be created in it, and
     * removes temporary files a crash left behind.
     *
     * @throws GlanceException {@code INVALID} naming the store and {@code filesystem_store_datadir} when the
     *                         directory cannot be created or written
     */
    public static FilesystemImageStore open(String id, FilesystemStoreSettings settings) {
        Objects.requireNonNull(id, "id");
        Path dir = settings.dataDir();
        prepareDirectory(id, dir);
        probeWritable(id, dir);
        grantTraverseIfFilesAreShared(dir, settings.filePermissions());
        int removed = removeLeftovers(id, dir);
        if (removed > 0) {
            LOG.log(
                    Level.WARNING,
                    "Store ''{0}'': removed {1} unfinished upload(s) left by an earlier run in {2}",
                    id,
                    removed,
                    dir);
        }
        return new FilesystemImageStore(id, settings, removed);
    }

    /** How many unfinished uploads from an earlier run were removed when this store started. */
    public int leftoversRemoved() {
        return leftoversRemoved;
    }

    /** How many bytes a write moves at a time. */
    int chunkSize() {
        return settings.chunkSize();
    }

    /** The data directory (absolute, normalised). */
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Set<StoreCapability> capabilities() {
        return CAPABILITIES;
    }

    // ------------------------------------------------------------------------------------------------ write

    @Override
    public StoredObject write(String imageId, InputStream data, long expectedSize) {
        require(StoreCapability.WRITE);
        Objects.requireNonNull(data, "data");
        String name = fileNameFor(imageId);
        Path target = dataDir.resolve(name);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw alreadyHeld(imageId);
        }
        Path temp = dataDir.resolve(TEMP_PREFIX + name + "." + HexFormat.of().formatHex(randomBytes()));
        FileChannel out = null;
        boolean created = false;
        boolean published = false;
        try {
            out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            created = true;
            markLive(out);
            long size = copy(data, out);
            out.force(true);
            if (settings.filePermissions() != null) {
                setPermissions(temp, settings.filePermissions());
            }
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw alreadyHeld(imageId);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            published = true;
            out.close();
            forceDirectory(dataDir);
            return new StoredObject(locationOf(target), size);
        } catch (IOException e) {
            abandon(out, created, published ? target : temp);
            throw FilesystemErrors.translate(id, Operation.WRITE, e);
        } catch (RuntimeException | Error e) {
            abandon(out, created, published ? target : temp);
            throw e;
        }
    }

    /**
     * Writes the parts as one image file without passing the bytes of local files through the JVM: the first
     * part's local file is renamed into the temporary file of the write (copied by the kernel when it lies on
     * another file system), the local files of the other parts are appended with {@link FileChannel#transferTo},
     * and parts without a local file are streamed. The temporary file is then forced and renamed into place as in
     * {@link #write}. After success the local files are gone (taken over); after a failure the first one is
     * renamed back and the others were only read, so every local file is where it was.
     */
    @Override
    public StoredObject writeComposed(String imageId, List<ImagePart> parts) {
        require(StoreCapability.WRITE);
        String name = fileNameFor(imageId);
        Path target = dataDir.resolve(name);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw alreadyHeld(imageId);
        }
        Path temp = dataDir.resolve(TEMP_PREFIX + name + "." + HexFormat.of().formatHex(randomBytes()));
        FileComposition composition = new FileComposition(this, temp, parts);
        try {
            long size = composition.assemble();
            if (settings.filePermissions() != null) {
                setPermissions(temp, settings.filePermissions());
            }
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw alreadyHeld(imageId);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            composition.published();
            forceDirectory(dataDir);
            composition.removeLocalFiles();
            return new StoredObject(locationOf(target), size);
        } catch (IOException e) {
            composition.undo(target);
            throw FilesystemErrors.translate(id, Operation.WRITE, e);
        } catch (RuntimeException | Error e) {
            composition.undo(target);
            throw e;
        }
    }

    /**
     * Locks the temporary file for the life of the write, so that a store starting on the same directory (another
     * process, e.g. a second API node on shared storage) leaves this upload alone. Best effort: where the file
     * system has no locks, the write goes on without one.
     */
    void markLive(FileChannel out) {
        try {
            out.lock();
        } catch (IOException e) {
            LOG.log(
                    Level.DEBUG,
                    "Store ''{0}'': cannot lock an upload in progress: {1}",
                    id,
                    FilesystemErrors.reasonOf(e));
        }
    }

    static void abandon(FileChannel out, boolean created, Path file) {
        closeQuietly(out);
        if (created) {
            removeQuietly(file);
        }
    }

    /** Copies {@code data} to {@code out}; failures of {@code data} arrive as {@link UncheckedIOException}. */
    private long copy(InputStream data, FileChannel out) throws IOException {
        byte[] chunk = new byte[settings.chunkSize()];
        ByteBuffer buffer = ByteBuffer.wrap(chunk);
        long written = 0;
        boolean holeAtEnd = false;
        try (WriteBehind writeBehind = new WriteBehind(out)) {
            while (true) {
                int n = fill(data, chunk);
                if (n == 0) {
                    break;
                }
                if (settings.thinProvisioning() && allZero(chunk, n)) {
                    holeAtEnd = true;
                } else {
                    buffer.clear().limit(n);
                    long at = written;
                    while (buffer.hasRemaining()) {
                        at += out.write(buffer, at);
                    }
                    holeAtEnd = false;
                }
                written += n;
                writeBehind.written(written);
            }
        }
        if (holeAtEnd) {
            // give the file its full length; the zeros before stay a hole
            out.write(ByteBuffer.wrap(new byte[1]), written - 1);
        }
        return written;
    }

    /** Reads until {@code chunk} is full or {@code data} ends; returns how many bytes it holds. */
    private static int fill(InputStream data, byte[] chunk) {
        try {
            return data.readNBytes(chunk, 0, chunk.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean allZero(byte[] chunk, int n) {
        for (int i = 0; i < n; i++) {
            if (chunk[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private GlanceException alreadyHeld(String imageId) {
        return GlanceException.conflict("Store '" + id + "' already holds data for image " + imageId);
    }

    // ------------------------------------------------------------------------------------------------ read

    @Override
    public InputStream read(String location, ByteRange range) {
        require(range == null ? StoreCapability.READ : StoreCapability.READ_RANGE);
        Path file = fileOf(location);
        FileChannel channel = null;
        try {
            requireImageFile(file);
            channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            long size = channel.size();
            if (range == null) {
                return new FileRegionInputStream(channel, 0, size);
            }
            if (range.offset() >= size) {
                channel.close();
                throw new GlanceException(
                        ErrorCategory.RANGE_NOT_SATISFIABLE,
                        "Range starts at byte " + range.offset() + " of image data of " + size + " bytes in store '"
                                + id + "'");
            }
            return new FileRegionInputStream(channel, range.offset(), Math.min(range.length(), size - range.offset()));
        } catch (IOException e) {
            closeQuietly(channel);
            throw FilesystemErrors.translate(id, Operation.READ, e);
        }
    }

    @Override
    public long size(String location) {
        require(StoreCapability.READ);
        Path file = fileOf(location);
        try {
            return requireImageFile(file).size();
        } catch (IOException e) {
            throw FilesystemErrors.translate(id, Operation.SIZE, e);
        }
    }

    /** The attributes of {@code file} when it is an image file (a regular file, not a link). */
    private BasicFileAttributes requireImageFile(Path file) throws IOException {
        if (!isImageName(file)) {
            throw new NoSuchFileException(file.toString());
        }
        BasicFileAttributes attributes =
                Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile()) {
            throw new NoSuchFileException(file.toString());
        }
        return attributes;
    }

    // ------------------------------------------------------------------------------------------------ delete

    @Override
    public boolean delete(String location) {
        require(StoreCapability.DELETE);
        Path file = fileOf(location);
        try {
            if (!isImageName(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw FilesystemErrors.translate(id, Operation.DELETE, e);
        }
    }

    // ------------------------------------------------------------------------------------------------ locations

    /** The location of an image file, as glance_store writes it: {@code file://} and the absolute path. */
    private static String locationOf(Path file) {
        return "file://" + file;
    }

    /**
     * The file behind a location of this store. Accepts glance_store's schemes {@code file://} and
     * {@code filesystem://}; refuses anything that is not a direct child of the data directory.
     */
    private Path fileOf(String location) {
        String path = null;
        if (location != null) {
            for (String scheme : new String[] {"file://", "filesystem://"}) {
                if (location.startsWith(scheme)) {
                    path = location.substring(scheme.length());
                }
            }
        }
        if (path == null || !path.startsWith("/") || path.indexOf('\0') >= 0) {
            throw GlanceException.invalid("Location " + location + " is not a file location of store '" + id + "'");
        }
        Path file;
        try {
            file = Path.of(path);
        } catch (RuntimeException e) {
            throw GlanceException.invalid("Location " + location + " is not a file location of store '" + id + "'");
        }
        if (!file.equals(file.normalize()) || !dataDir.equals(file.getParent()) || file.getFileName() == null) {
            throw GlanceException.invalid(
                    "Location " + location + " is outside the data directory of store '" + id + "'");
        }
        return file;
    }

    /** Image files never start with a dot; temporary files always do, so they are never served. */
    private static boolean isImageName(Path file) {
        return !file.getFileName().toString().startsWith(".");
    }

    /** The file name for an image id: the id itself, which must be a plain name. */
    private String fileNameFor(String imageId) {
        if (imageId == null
                || imageId.isEmpty()
                || imageId.startsWith(".")
                || imageId.contains("/")
                || imageId.contains("\\")
                || imageId.indexOf('\0') >= 0
                || imageId.length() > 200) {
            throw GlanceException.invalid("Store '" + id + "' cannot name a file after image id " + imageId);
        }
        return imageId;
    }

    // ------------------------------------------------------------------------------------------------ start-up

    private static void prepareDirectory(String id, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw FilesystemStoreSettings.invalid(
                    id, FilesystemStoreSettings.DATADIR, "names " + dir + ", which is not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw FilesystemStoreSettings.invalid(
                    id,
                    FilesystemStoreSettings.DATADIR,
                    "names " + dir + ", which cannot be created: " + FilesystemErrors.reasonOf(e));
        }
    }

    /** Creates and removes a file: the only check that holds for root, read-only mounts and ACLs alike. */
    private static void probeWritable(String id, Path dir) {
        Path probe = dir.resolve(TEMP_PREFIX + "probe." + HexFormat.of().formatHex(randomBytes()));
        try {
            try (FileChannel channel =
                    FileChannel.open(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.delete(probe);
        } catch (IOException e) {
            removeQuietly(probe);
            throw FilesystemStoreSettings.invalid(
                    id,
                    FilesystemStoreSettings.DATADIR,
                    "names " + dir + ", which is not writable: " + FilesystemErrors.reasonOf(e));
        }
    }

    /** Removes the temporary files of {@code imageId} that no live upload holds (see {@link #isAbandoned}). */
    @Override
    public int deleteAbandonedWrites(String imageId) {
        String prefix = TEMP_PREFIX + fileNameFor(imageId) + ".";
        int removed = 0;
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dataDir, TEMP_PREFIX + "*")) {
            for (Path leftover : leftovers) {
                if (leftover.getFileName().toString().startsWith(prefix)
                        && isAbandoned(leftover)
                        && Files.deleteIfExists(leftover)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            throw GlanceException.unavailable(
                    "Store '" + id + "' cannot remove the unfinished uploads of image " + imageId + ": "
                            + FilesystemErrors.reasonOf(e),
                    e);
        }
        return removed;
    }

    /**
     * Removes temporary files of uploads that no longer run. An upload in progress holds a lock on its file (see
     * {@link #markLive}); such a file is left alone.
     */
    private static int removeLeftovers(String id, Path dir) {
        int removed = 0;
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, TEMP_PREFIX + "*")) {
            for (Path leftover : leftovers) {
                if (isAbandoned(leftover) && Files.deleteIfExists(leftover)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            throw FilesystemStoreSettings.invalid(
                    id,
                    FilesystemStoreSettings.DATADIR,
                    "names " + dir + ", where unfinished uploads cannot be removed: " + FilesystemErrors.reasonOf(e));
        }
        return removed;
    }

    /** True unless a live upload holds the file's lock. */
    private static boolean isAbandoned(Path leftover) throws IOException {
        try (FileChannel channel = FileChannel.open(leftover, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            // Closing this channel drops every POSIX lock this process holds on the file, so a writer in this
            // same JVM loses its lock here; it still finishes normally, only unprotected from other processes.
            try {
                FileLock lock = channel.tryLock();
                return lock != null;
            } catch (OverlappingFileLockException e) {
                return false;
            } catch (IOException e) {
                return true; // no locks on this file system: a start-up cleans what it finds
            }
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** As glance_store does: when group or others may read image files, let them traverse the directory. */
    private static void grantTraverseIfFilesAreShared(Path dir, Set<PosixFilePermission> filePermissions) {
        if (filePermissions == null) {
            return;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        try {
            Set<PosixFilePermission> mode = EnumSet.copyOf(view.readAttributes().permissions());
            boolean changed = false;
            if (filePermissions.stream().anyMatch(p -> p.name().startsWith("GROUP"))) {
                changed |= mode.add(PosixFilePermission.GROUP_EXECUTE);
            }
            if (filePermissions.stream().anyMatch(p -> p.name().startsWith("OTHERS"))) {
                changed |= mode.add(PosixFilePermission.OTHERS_EXECUTE);
            }
            if (changed) {
                view.setPermissions(mode);
            }
        } catch (IOException e) {
            LOG.log(
                    Level.WARNING,
                    "Cannot let group or others traverse the image directory {0}: {1}",
                    dir,
                    FilesystemErrors.reasonOf(e));
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static void setPermissions(Path file, Set<PosixFilePermission> permissions) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null) {
            view.setPermissions(permissions);
        }
    }

    /** Forces the directory entry of a rename to disk, so a crash after {@code write} returns keeps the image. */
    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    static void removeQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException | RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Cannot remove {0}: {1}",
                    file,
                    e instanceof IOException io ? FilesystemErrors.reasonOf(io) : e.getMessage());
        }
    }

    static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing was read; the failure that brought us here is the one to report
            }
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Override
    public String toString() {
        return "FilesystemImageStore[" + id + " at " + dataDir + "]";
    }
}
