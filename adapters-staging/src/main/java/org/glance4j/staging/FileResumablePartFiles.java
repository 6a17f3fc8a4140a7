package org.glance4j.staging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.tus.ResumablePartFiles;

/**
 * Part files of resumable uploads in one directory (the staging area's {@code tus} directory), one file per part
 * named by its id. An append holds an exclusive file lock on the part (so two processes sharing the directory never
 * interleave), writes at the expected offset, forces the bytes to disk and only then returns; discarded bytes are cut
 * off again by truncating the file to where the append began.
 */
public final class FileResumablePartFiles implements ResumablePartFiles {

    private static final Logger LOG = Logger.getLogger(FileResumablePartFiles.class.getName());
    private static final int BUFFER = 1 << 20;

    private final Path dir;

    public FileResumablePartFiles(Path dir) {
        this.dir = dir;
    }

    @Override
    public void create(String partId) {
        try {
            Files.createDirectories(dir);
            Files.createFile(pathOf(partId));
        } catch (FileAlreadyExistsException e) {
            throw GlanceException.conflict("Upload " + partId + " exists");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long append(
            String partId, long expectedOffset, InputStream data, boolean keepOnBreak, Runnable beforeCommit) {
        Path path = pathOf(partId);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            try (FileLock lock = lock(channel, partId)) {
                if (channel.size() != expectedOffset) {
                    throw GlanceException.conflict("Upload-Offset " + expectedOffset + " does not match the upload's"
                            + " offset " + channel.size());
                }
                try {
                    copy(data, channel, expectedOffset);
                    beforeCommit.run();
                } catch (ClientStreamBroke e) {
                    if (!keepOnBreak) {
                        channel.truncate(expectedOffset);
                    }
                    channel.force(false);
                    throw e.unchecked();
                } catch (IOException | RuntimeException | Error e) {
                    channel.truncate(expectedOffset);
                    channel.force(false);
                    throw e;
                }
                channel.force(false);
                return channel.size();
            }
        } catch (NoSuchFileException e) {
            throw GlanceException.notFound("Upload " + partId + " not found");
        } catch (IOException e) {
            throw StagingFailures.of(e);
        } catch (UncheckedIOException e) {
            if (e.getCause() != null && StagingFailures.isDiskFull(e.getCause())) {
                throw StagingFailures.of(e.getCause());
            }
            throw e;
        }
    }

    /** Copies the stream to the channel from {@code position}; returns the position after the last byte. */
    private static long copy(InputStream data, FileChannel channel, long position)
            throws IOException, ClientStreamBroke {
        byte[] buffer = new byte[BUFFER];
        int n;
        long at = position;
        while (true) {
            try {
                n = data.read(buffer);
            } catch (IOException e) {
                throw new ClientStreamBroke(e); // told apart from the disk's failures
            }
            if (n < 0) {
                return at;
            }
            ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
            while (bytes.hasRemaining()) {
                at += channel.write(bytes, at);
            }
        }
    }

    /** Reading the appended stream failed: the client's connection broke, not the disk. */
    private static final class ClientStreamBroke extends Exception {
        private static final long serialVersionUID = 1L;

        ClientStreamBroke(IOException cause) {
            super(cause);
        }

        UncheckedIOException unchecked() {
            return new UncheckedIOException((IOException) getCause());
        }
    }

    private static FileLock lock(FileChannel channel, String partId) throws IOException {
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw GlanceException.conflict("Another request is appending to upload " + partId);
            }
            return lock;
        } catch (OverlappingFileLockException e) {
            throw GlanceException.conflict("Another request is appending to upload " + partId);
        }
    }

    @Override
    public OptionalLong size(String partId) {
        return MissingFiles.size(pathOf(partId));
    }

    @Override
    public Optional<InputStream> open(String partId) {
        return MissingFiles.open(pathOf(partId), Files::newInputStream);
    }

    @Override
    public boolean delete(String partId) {
        try {
            return Files.deleteIfExists(pathOf(partId));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot delete the bytes of upload " + partId + " in " + dir + ": " + e);
            return false;
        }
    }

    @Override
    public Optional<Path> localPath(String partId) {
        Path path = pathOf(partId);
        return Files.exists(path) ? Optional.of(path) : Optional.empty();
    }

    private Path pathOf(String partId) {
        if (partId == null
                || partId.isEmpty()
                || partId.startsWith(".")
                || partId.contains("/")
                || partId.contains("\\")
                || partId.contains("\0")) {
            throw GlanceException.invalid("Invalid upload id: " + partId);
        }
        return dir.resolve(partId);
    }
}
