package org.glance4j.storage.file;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.glance4j.ports.out.store.ImagePart;

/**
 * One composed write of a {@link FilesystemImageStore} in progress ({@link FilesystemImageStore#writeComposed}): its
 * temporary file, and what it took from the parts' local files, so that a failure can give them back.
 */
final class FileComposition {
    private static final System.Logger LOG = System.getLogger(FileComposition.class.getName());

    private final FilesystemImageStore store;
    private final Path temp;
    private final List<ImagePart> parts;
    private FileChannel out;
    private boolean created;
    private boolean published;
    /** The local file renamed into {@link #temp}, and how many bytes it had, or null. */
    private Path movedIn;

    private long movedInSize;

    FileComposition(FilesystemImageStore store, Path temp, List<ImagePart> parts) {
        this.store = store;
        this.temp = temp;
        this.parts = List.copyOf(parts);
    }

    /** Fills the temporary file with every part and forces it to disk; returns its size. */
    long assemble() throws IOException {
        int next = 0;
        if (!parts.isEmpty() && takeOver(parts.get(0))) {
            next = 1;
        } else {
            out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            created = true;
        }
        store.markLive(out);
        long written = out.size();
        for (int i = next; i < parts.size(); i++) {
            written += append(parts.get(i), i + 1, written);
        }
        out.force(true);
        out.close();
        return written;
    }

    /** Renames the part's local file to the temporary name, when it has one on this file system. */
    private boolean takeOver(ImagePart part) throws IOException {
        if (part.localFile().isEmpty()) {
            return false;
        }
        Path local = part.localFile().get();
        try {
            Files.move(local, temp, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            return false; // another file system: appended by the kernel like the other parts
        }
        movedIn = local;
        movedInSize = part.size();
        created = true;
        out = FileChannel.open(temp, StandardOpenOption.WRITE);
        if (out.size() != part.size()) {
            throw partSizeMismatch(1, out.size(), part.size());
        }
        return true;
    }

    /** Appends part number {@code number} at {@code position}; returns its size. */
    private long append(ImagePart part, int number, long position) throws IOException {
        if (part.localFile().isPresent()) {
            try (FileChannel in = FileChannel.open(part.localFile().get(), StandardOpenOption.READ)) {
                if (in.size() != part.size()) {
                    throw partSizeMismatch(number, in.size(), part.size());
                }
                out.position(position);
                long done = 0;
                while (done < part.size()) {
                    long n = in.transferTo(done, part.size() - done, out);
                    if (n <= 0) {
                        throw partSizeMismatch(number, done, part.size());
                    }
                    done += n;
                }
            }
            return part.size();
        }
        if (part.size() == 0) {
            return 0;
        }
        try (InputStream in = part.opener().get()) {
            byte[] chunk = new byte[(int) Math.min(store.chunkSize(), part.size())];
            ByteBuffer buffer = ByteBuffer.wrap(chunk);
            long done = 0;
            while (done < part.size()) {
                int n = readPart(in, chunk, (int) Math.min(chunk.length, part.size() - done));
                if (n < 0) {
                    throw partSizeMismatch(number, done, part.size());
                }
                buffer.clear().limit(n);
                while (buffer.hasRemaining()) {
                    done += out.write(buffer, position + done);
                }
            }
        }
        return part.size();
    }

    void published() {
        published = true;
    }

    /** After success: the local files were taken over. */
    void removeLocalFiles() {
        for (ImagePart part : parts) {
            part.localFile().ifPresent(FilesystemImageStore::removeQuietly);
        }
    }

    /** After a failure: nothing readable left, and the local file taken over back where it was. */
    void undo(Path target) {
        if (published) {
            FilesystemImageStore.removeQuietly(target);
            return;
        }
        if (movedIn != null) {
            FilesystemImageStore.closeQuietly(out);
            try {
                try (FileChannel back = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    back.truncate(movedInSize);
                }
                Files.move(temp, movedIn, StandardCopyOption.ATOMIC_MOVE);
                return;
            } catch (IOException | RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "Store ''{0}'': cannot give back the part file {1} of a failed composed write",
                        store.id(),
                        movedIn);
            }
        }
        FilesystemImageStore.abandon(out, created, temp);
    }

    /** Reads up to {@code length} bytes of a part; failures of the part arrive as {@link UncheckedIOException}. */
    private static int readPart(InputStream in, byte[] chunk, int length) {
        try {
            return in.read(chunk, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static UncheckedIOException partSizeMismatch(int number, long actual, long declared) {
        return new UncheckedIOException(
                new EOFException("part " + number + " of a composed write has " + actual + " bytes, not " + declared));
    }
}
