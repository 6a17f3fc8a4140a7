package org.glance4j.storage.rbd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoredObject;

/**
 * Throughput of the {@code rbd} store on the test's single-node Ceph (memstore, loopback); a main, not a test.
 * Writes the same size (1 GiB by default) of incompressible bytes with the size announced and unannounced, and
 * reads each back whole, at the default chunk size (8 MiB). Memstore keeps the objects in the OSD's memory, so the
 * numbers measure librbd, the messenger on loopback and the OSD's code path, not a disk.
 *
 * <p>Run: {@code java -Xmx64m -cp <test-classes>:<classes>:<ports classes>:<jna jar>}
 * {@code org.glance4j.storage.rbd.RbdStoreThroughput [MiB]}
 */
public final class RbdStoreThroughput {
    private static final int BLOCK = 1024 * 1024;

    private RbdStoreThroughput() {}

    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        long size = mib * BLOCK;
        byte[] block = new byte[BLOCK];
        new Random(1).nextBytes(block);
        System.setProperty("ceph.memstore.bytes", Long.toString(size * 2 + (1L << 30)));
        CephCluster.Running cluster =
                CephCluster.Running.start(Path.of("target", "ceph-bench").toAbsolutePath());
        try {
            Map<String, String> options = cluster.storeOptions();
            try (ImageStore store = new RbdImageStoreFactory().create("bench", options)) {
                System.out.printf(
                        "size %d MiB, heap max %d MiB, chunk 8 MiB%n",
                        mib, Runtime.getRuntime().maxMemory() >> 20);
                for (long announced : new long[] {size, -1, size, -1}) {
                    long t0 = System.nanoTime();
                    StoredObject written = store.write(UUID.randomUUID().toString(), repeating(block, size), announced);
                    report("write, size " + (announced < 0 ? "unknown" : "announced"), mib, t0);
                    long t1 = System.nanoTime();
                    long read = drain(store.read(written.location(), null));
                    if (read != size) {
                        throw new IllegalStateException("read " + read + " of " + size);
                    }
                    report("read whole", mib, t1);
                    store.delete(written.location());
                }
            }
        } finally {
            cluster.stop();
        }
    }

    private static void report(String what, long mib, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-30s %6.2f s %8.1f MiB/s%n", what, seconds, mib / seconds);
    }

    private static long drain(InputStream in) throws IOException {
        byte[] buffer = new byte[BLOCK];
        long total = 0;
        try (in) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
            }
        }
        return total;
    }

    /** {@code size} bytes of {@code block} repeated, without copying more than asked. */
    private static InputStream repeating(byte[] block, long size) {
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                return position < size ? block[(int) (position++ % block.length)] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= size) {
                    return -1;
                }
                int at = (int) (position % block.length);
                int n = (int) Math.min(Math.min(len, block.length - at), size - position);
                System.arraycopy(block, at, b, off, n);
                position += n;
                return n;
            }
        };
    }
}
