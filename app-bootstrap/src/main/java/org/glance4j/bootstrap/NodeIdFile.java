package org.glance4j.bootstrap;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.regex.Pattern;
import org.glance4j.bootstrap.config.ConfigException;

/**
 * The id of this server node, kept in {@code DATA_DIR/node-id}: made once (a random UUID) and read at every later
 * start. The core marks the images this node is uploading with it, so that after a crash the node puts back to
 * {@code queued} exactly its own interrupted uploads, and so that the other nodes sharing its database, finding
 * its lease ended, put back exactly the work of this node. Every node therefore needs its own data directory, which
 * {@link DataDirLock} enforces.
 */
public final class NodeIdFile {

    /** The file's name inside the data directory. */
    public static final String FILE_NAME = "node-id";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private NodeIdFile() {}

    /**
     * Reads the node id of {@code dataDir}, making it first if the directory has none.
     *
     * @throws ConfigException when the file cannot be read or written, or does not hold an id
     */
    public static String readOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            return read(file);
        } catch (NoSuchFileException e) {
            return create(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read the node id " + file + ": " + e, e);
        }
    }

    private static String read(Path file) throws IOException {
        String id = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!VALID.matcher(id).matches()) {
            throw new ConfigException("the node id file " + file + " does not hold a node id (1 to 64 letters, "
                    + "digits, '.', '_' or '-'). Restore it; delete it only when no upload of this node is left "
                    + "in 'saving', since a new id cannot recover them");
        }
        return id;
    }

    /** Writes a new id to a temporary file, forces it, and links it in place unless another start was faster. */
    private static String create(Path file) {
        String id = UUID.randomUUID().toString();
        Path temp = file.resolveSibling(FILE_NAME + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel =
                    FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            try {
                Files.createLink(file, temp);
            } catch (FileAlreadyExistsException raced) {
                return read(file);
            } catch (UnsupportedOperationException | IOException noLinks) {
                Files.move(temp, file);
            }
            try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException ignored) {
                // not every file system lets a directory be forced; the id is still written
            }
            return id;
        } catch (IOException e) {
            throw new ConfigException("cannot write the node id " + file + ": " + e, e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a stray temporary file is harmless
            }
        }
    }
}
