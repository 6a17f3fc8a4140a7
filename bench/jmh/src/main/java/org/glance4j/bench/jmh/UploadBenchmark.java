package org.glance4j.bench.jmh;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.glance4j.core.GlanceCore;
import org.glance4j.core.settings.DataSettings;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.testing.InMemoryImageMemberRepository;
import org.glance4j.ports.testing.InMemoryImageRepository;
import org.glance4j.ports.testing.store.DiscardingImageStore;
import org.glance4j.ports.testing.store.RepeatingStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Hashing while streaming: one upload of {@code sizeMiB} through the core (create the record, then md5 and sha512
 * on their own threads while the bytes go to a store that discards them, with format inspection of the bare image
 * on the way), next to md5 and sha512 computed one after the other on one thread over the same bytes. The upload
 * should take about as long as the slower digest alone, not as long as both in a row.
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class UploadBenchmark extends BenchmarkDefaults {

    private static final int MIB = 1 << 20;
    private static final RequestContext ADMIN =
            new RequestContext("req-jmh", "admin", "admin", Set.of("admin", "member", "reader"));

    @Param({"64"})
    public int sizeMiB;

    private final byte[] block = new byte[MIB];
    private long size;
    private GlanceCore core;

    @Setup
    public void setUp() {
        new Random(7).nextBytes(block);
        size = (long) sizeMiB * MIB;
        InMemoryImageMemberRepository members = new InMemoryImageMemberRepository();
        core = GlanceCore.builder()
                .images(new InMemoryImageRepository(members))
                .members(members)
                .stores(List.of(new DiscardingImageStore(1 << 20)), "discard")
                .data(DataSettings.defaults())
                .build();
    }

    /** Create an image and upload {@code sizeMiB} to it: the core's whole data path. */
    @Benchmark
    public String coreUpload() {
        Map<String, Object> body = new HashMap<>();
        body.put("disk_format", "raw");
        body.put("container_format", "bare");
        String id = core.images().create(ADMIN, body).id();
        core.imageData().upload(ADMIN, id, new RepeatingStream(block, size), size);
        return id;
    }

    /** The baseline: md5, then sha512, over the same bytes on the calling thread. */
    @Benchmark
    public byte[] md5ThenSha512OnOneThread() throws NoSuchAlgorithmException {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
        for (long done = 0; done < size; done += MIB) {
            md5.update(block);
            sha512.update(block);
        }
        md5.digest();
        return sha512.digest();
    }

    /** The slower of the two digests alone: the floor of an upload that digests in parallel. */
    @Benchmark
    public byte[] sha512Alone() throws NoSuchAlgorithmException {
        MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
        for (long done = 0; done < size; done += MIB) {
            sha512.update(block);
        }
        return sha512.digest();
    }
}
