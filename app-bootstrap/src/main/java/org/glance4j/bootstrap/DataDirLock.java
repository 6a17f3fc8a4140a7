package org.glance4j.bootstrap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.glance4j.bootstrap.config.ConfigException;

/**
 * The lock a running server holds on its data directory ({@code DATA_DIR/glance4j.lock}, an operating-system file
 * lock that ends with the process, even one killed), so that two nodes started on one data directory by mistake,
 * which would share one node id, are refused. The file holds the process id of the holder, for the message.
 */
public final class DataDirLock implements AutoCloseable {

    /** The lock file's name inside the data directory. */
    public static final String FILE_NAME = "glance4j.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dataDir} for this process.
     *
     * @throws ConfigException when another process (or another server in this one) holds it, or the lock file
     *                         cannot be opened
     */
    public static DataDirLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel;
        try {
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new ConfigException("cannot open the lock file of the data directory " + file + ": " + e, e);
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(file);
                channel.close();
                throw new ConfigException("the data directory " + dataDir.toAbsolutePath() + " is in use by another "
                        + "glance4j node (" + holder + ", which holds " + file.toAbsolutePath() + "). Every node "
                        + "needs its own data directory, since the node id in it names the node's uploads: give "
                        + "this one another --data-dir, or stop the other node first");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new DataDirLock(channel, lock);
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw new ConfigException("cannot lock the data directory " + dataDir + ": " + e, e);
        }
    }

    private static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (pid.equals(String.valueOf(ProcessHandle.current().pid()))) {
                return "a server in this same process " + pid;
            }
            return pid.isEmpty() ? "a process" : "process " + pid;
        } catch (IOException e) {
            return "a process";
        }
    }

    /** Releases the lock; the file stays. */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the lock ends with the channel or the process anyway
        }
    }
}
