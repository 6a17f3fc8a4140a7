package org.glance4j.core.bench;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.glance4j.core.GlanceCore;
import org.glance4j.core.data.TestStores;
import org.glance4j.core.settings.DataSettings;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.testing.InMemoryImageMemberRepository;
import org.glance4j.ports.testing.InMemoryImageRepository;

/**
 * Upload throughput of the core (MiB/s of 1 GiB into a store that discards bytes) against md5 alone, sha512
 * alone, and both one after the other on one thread, over the same source. Not a test: run it by hand, e.g.
 * {@code java -Xmx256m -cp ... org.glance4j.core.bench.UploadThroughput [MiB] [rounds]}.
 */
public final class UploadThroughput {

    private static final int MIB = 1024 * 1024;

    private UploadThroughput() {
    }

    public static void main(String[] args) throws Exception {
        long size = (args.length > 0 ? Long.parseLong(args[0]) : 1024) * MIB;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.out.printf("cores=%d heap=%d MiB size=%d MiB%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / MIB, size / MIB);
        for (int r = 0; r < rounds; r++) {
            report("md5 alone", size, () -> digest(size, "MD5"));
            report("sha512 alone", size, () -> digest(size, "SHA-512"));
            report("md5+sha512 sequential", size, () -> digest(size, "MD5", "SHA-512"));
            report("core upload (md5 || sha512 || write)", size, () -> upload(size));
        }
    }

    private interface Run {
        void run() throws Exception;
    }

    private static void report(String name, long size, Run run) throws Exception {
        long start = System.nanoTime();
        run.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-40s %8.1f MiB/s%n", name, size / (double) MIB / seconds);
    }

    private static void digest(long size, String... algorithms) throws Exception {
        MessageDigest[] digests = new MessageDigest[algorithms.length];
        for (int i = 0; i < algorithms.length; i++) {
            digests[i] = MessageDigest.getInstance(algorithms[i]);
        }
        byte[] buffer = new byte[MIB];
        try (InputStream in = new RepeatingBytes(size)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                for (MessageDigest d : digests) {
                    d.update(buffer, 0, n);
                }
            }
        }
        for (MessageDigest d : digests) {
            d.digest();
        }
    }

    private static void upload(long size) {
        InMemoryImageMemberRepository members = new InMemoryImageMemberRepository();
        GlanceCore core = GlanceCore.builder().images(new InMemoryImageRepository(members)).members(members)
                .stores(List.of(new TestStores.DiscardingStore(MIB)), "discard").data(DataSettings.defaults()).build();
        RequestContext admin = new RequestContext("req-bench", "admin", "admin", Set.of("admin", "member", "reader"));
        Map<String, Object> body = new HashMap<>();
        body.put("disk_format", "raw");
        body.put("container_format", "bare");
        String id = core.images().create(admin, body).id();
        core.imageData().upload(admin, id, new RepeatingBytes(size), size);
    }

    /** {@code size} bytes repeating one random MiB: costs a copy per byte, no generation. */
    private static final class RepeatingBytes extends InputStream {
        private static final byte[] PATTERN = new byte[MIB];

        static {
            new Random(7).nextBytes(PATTERN);
        }

        private final long size;
        private long position;

        RepeatingBytes(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return position < size ? PATTERN[(int) (position++ % MIB)] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int at = (int) (position % MIB);
            int n = (int) Math.min(Math.min(len, MIB - at), size - position);
            System.arraycopy(PATTERN, at, b, off, n);
            position += n;
            return n;
        }
    }
}
