package org.glance4j.storage.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.glance4j.ports.out.store.ImagePart;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoredObject;
import org.glance4j.ports.testing.store.RepeatingStream;
import org.glance4j.storage.file.FilesystemImageStoreFactory;

/**
 * A composed write on the {@code file} store next to one {@code write} of the same bytes; a main, not a test. Both
 * write {@code parts x MiB} (4 x 256 MiB by default) into a store on {@code dir}: {@code write} from one stream,
 * then {@code writeComposed} of that many local files in a directory next to the store's (same file system: the
 * first is renamed in, the others appended by the kernel), then {@code writeComposed} of parts that are only
 * streams. The part files are written and forced to disk before the clock starts, as a resumable upload's parts
 * are. Each figure includes the store's fsync, rename and directory fsync. Rounds: 3 by default.
 *
 * <p>Run: {@code java -Xmx64m -cp <classes>:<test-classes>:<ports classes and test-classes> }
 * {@code org.glance4j.storage.bench.FilesystemComposeThroughput [dir] [parts] [MiB per part] [rounds]}
 */
public final class FilesystemComposeThroughput {
    private static final int BLOCK = 1024 * 1024;

    private FilesystemComposeThroughput() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/glance4j-compose-bench");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        long partMib = args.length > 2 ? Long.parseLong(args[2]) : 256;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        long partSize = partMib * BLOCK;
        long mib = count * partMib;
        byte[] block = new byte[BLOCK];
        new Random(1).nextBytes(block);
        Files.createDirectories(dir);
        System.out.printf(
                "%d parts of %d MiB (%d MiB), dir %s, heap max %d MiB%n",
                count, partMib, mib, dir, Runtime.getRuntime().maxMemory() >> 20);
        try (ImageStore store = new FilesystemImageStoreFactory()
                .create(
                        "bench",
                        Map.of("filesystem_store_datadir", dir.resolve("images").toString()))) {
            for (int round = 1; round <= rounds; round++) {
                long t0 = start();
                StoredObject written =
                        store.write(UUID.randomUUID().toString(), new RepeatingStream(block, mib * BLOCK), -1);
                report(round, "write of one stream", mib, t0);
                store.delete(written.location());

                List<ImagePart> files = partFiles(dir.resolve("parts"), block, count, partSize);
                t0 = start();
                written = store.writeComposed(UUID.randomUUID().toString(), files);
                report(round, "writeComposed of local files (rename + transferTo)", mib, t0);
                store.delete(written.location());

                List<ImagePart> streams = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    streams.add(new ImagePart(partSize, () -> new RepeatingStream(block, partSize), Optional.empty()));
                }
                t0 = start();
                written = store.writeComposed(UUID.randomUUID().toString(), streams);
                report(round, "writeComposed of streams", mib, t0);
                store.delete(written.location());
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static List<ImagePart> partFiles(Path dir, byte[] block, int count, long partSize) throws IOException {
        Files.createDirectories(dir);
        List<ImagePart> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path file = dir.resolve("part-" + i + "-" + UUID.randomUUID());
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(block);
                for (long written = 0; written < partSize; written += BLOCK) {
                    buffer.clear();
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                }
                out.force(true);
            }
            parts.add(new ImagePart(partSize, () -> open(file), Optional.of(file)));
        }
        return parts;
    }

    private static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long cpuStart;

    /** The clock and this thread's CPU time (user and system: the kernel's copies count) from now. */
    private static long start() {
        cpuStart = THREADS.getCurrentThreadCpuTime();
        return System.nanoTime();
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private static void report(int round, String what, long mib, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double cpu = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        System.out.printf(
                "round %d  %-55s %8.0f MiB/s  (%.2f s, CPU %.2f s)%n", round, what, mib / seconds, seconds, cpu);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
