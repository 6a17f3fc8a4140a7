package org.glance4j.storage.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoredObject;
import org.glance4j.ports.out.store.support.FileRegionInputStream;
import org.glance4j.ports.testing.store.RepeatingStream;
import org.glance4j.storage.file.FilesystemImageStoreFactory;

/**
 * Throughput of the {@code file} store next to raw file I/O on the same disk; a main, not a test. Writes and
 * reads back the same size (1 GiB by default): raw {@code FileChannel} write of 1 MiB blocks plus fsync, and raw
 * read; then the store at the default chunk size and at 1 MiB: write (fsync, rename, directory fsync), whole read
 * as an InputStream, {@code transferTo} into /dev/null, and into a loopback socket drained by a thread, once
 * copied through the heap and once by sendfile. Reads come from the page cache for all of them (the benchmark
 * does not drop caches on a shared machine), so they compare code paths, not disks.
 *
 * <p>Run: {@code java -Xmx64m -cp <classes>:<test-classes>:<ports classes> }
 * {@code org.glance4j.storage.bench.FilesystemStoreThroughput [dir] [MiB]}
 */
public final class FilesystemStoreThroughput {
    private static final int BLOCK = 1024 * 1024;

    private FilesystemStoreThroughput() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/glance4j-bench");
        long mib = args.length > 1 ? Long.parseLong(args[1]) : 1024;
        long size = mib * BLOCK;
        byte[] block = new byte[BLOCK];
        new Random(1).nextBytes(block);
        Files.createDirectories(dir);
        System.out.printf(
                "size %d MiB, dir %s, heap max %d MiB%n",
                mib, dir, Runtime.getRuntime().maxMemory() >> 20);
        try {
            raw(dir.resolve("raw"), block, size, mib);
            store(dir.resolve("store-64k"), block, size, mib, null);
            store(dir.resolve("store-1m"), block, size, mib, String.valueOf(BLOCK));
        } finally {
            deleteTree(dir);
        }
    }

    private static void raw(Path dir, byte[] block, long size, long mib) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("raw");
        long t0 = System.nanoTime();
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(block);
            for (long written = 0; written < size; written += BLOCK) {
                buffer.clear();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
            out.force(true);
        }
        report("raw write+fsync (1 MiB blocks)", mib, t0);
        t0 = System.nanoTime();
        long read = 0;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(BLOCK);
            int n;
            while ((n = in.read(buffer)) > 0) {
                read += n;
                buffer.clear();
            }
        }
        check(read, size);
        report("raw read (1 MiB direct buffer)", mib, t0);
        Files.delete(file);
    }

    private static void store(Path dir, byte[] block, long size, long mib, String chunkSize) throws IOException {
        Map<String, String> options = chunkSize == null
                ? Map.of("filesystem_store_datadir", dir.toString())
                : Map.of("filesystem_store_datadir", dir.toString(), "filesystem_store_chunk_size", chunkSize);
        String label = "store (chunk " + (chunkSize == null ? "64 KiB default" : "1 MiB") + ")";
        try (ImageStore store = new FilesystemImageStoreFactory().create("bench", options)) {
            long t0 = System.nanoTime();
            StoredObject written = store.write(UUID.randomUUID().toString(), new RepeatingStream(block, size), size);
            report(label + " write+fsync+rename", mib, t0);
            check(written.size(), size);

            t0 = System.nanoTime();
            long read = 0;
            byte[] buffer = new byte[BLOCK];
            try (InputStream in = store.read(written.location(), null)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    read += n;
                }
            }
            check(read, size);
            report(label + " read as InputStream (1 MiB reads)", mib, t0);

            t0 = System.nanoTime();
            try (FileRegionInputStream in = (FileRegionInputStream) store.read(written.location(), null);
                    FileChannel devNull = FileChannel.open(Path.of("/dev/null"), StandardOpenOption.WRITE)) {
                check(in.transferTo(devNull), size);
            }
            report(label + " read by transferTo to /dev/null", mib, t0);

            try (LoopbackSink sink = new LoopbackSink()) {
                t0 = System.nanoTime();
                try (InputStream in = store.read(written.location(), null)) {
                    check(in.transferTo(java.nio.channels.Channels.newOutputStream(sink.client())), size);
                }
                check(sink.awaitReceived(size), size);
                report(label + " to a loopback socket, copied through the heap", mib, t0);
            }
            try (LoopbackSink sink = new LoopbackSink()) {
                t0 = System.nanoTime();
                try (FileRegionInputStream in = (FileRegionInputStream) store.read(written.location(), null)) {
                    check(in.transferTo(sink.client()), size);
                }
                check(sink.awaitReceived(size), size);
                report(label + " to a loopback socket by transferTo (sendfile)", mib, t0);
            }
            store.delete(written.location());
        }
    }

    private static void report(String what, long mib, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("%-78s %8.0f MiB/s  (%.2f s)%n", what, mib / seconds, seconds);
    }

    private static void check(long actual, long expected) {
        if (actual != expected) {
            throw new IllegalStateException("moved " + actual + " bytes, expected " + expected);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A connected loopback socket whose far end a thread drains and counts, like a client downloading. */
    private static final class LoopbackSink implements AutoCloseable {
        private final java.nio.channels.ServerSocketChannel server;
        private final java.nio.channels.SocketChannel client;
        private final java.util.concurrent.CompletableFuture<Long> received =
                new java.util.concurrent.CompletableFuture<>();

        LoopbackSink() throws IOException {
            server = java.nio.channels.ServerSocketChannel.open()
                    .bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
            client = java.nio.channels.SocketChannel.open(server.getLocalAddress());
            java.nio.channels.SocketChannel accepted = server.accept();
            Thread drain = new Thread(
                    () -> {
                        long total = 0;
                        ByteBuffer buffer = ByteBuffer.allocateDirect(BLOCK);
                        try (accepted) {
                            int n;
                            while ((n = accepted.read(buffer)) >= 0) {
                                total += n;
                                buffer.clear();
                            }
                            received.complete(total);
                        } catch (IOException e) {
                            received.completeExceptionally(e);
                        }
                    },
                    "drain");
            drain.setDaemon(true);
            drain.start();
        }

        java.nio.channels.SocketChannel client() {
            return client;
        }

        long awaitReceived(long expected) throws IOException {
            client.shutdownOutput();
            try {
                return received.get();
            } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                throw new IOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            client.close();
            server.close();
        }
    }
}
