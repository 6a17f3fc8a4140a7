package org.glance4j.bench.jmh;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.glance4j.core.GlanceCore;
import org.glance4j.core.settings.DataSettings;
import org.glance4j.ports.in.PatchOperation;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.testing.InMemoryImageMemberRepository;
import org.glance4j.ports.testing.InMemoryImageRepository;
import org.glance4j.ports.testing.store.DiscardingImageStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

/**
 * JSON patch of an image through the core: parsing and validating the operations, the policy and property checks,
 * applying them and storing the new revision (in memory, so the database is not what is timed). A patch of one
 * operation (a rename) and one of ten (a rename, eight custom properties, a tag); an image with 20 properties.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PatchBenchmark extends BenchmarkDefaults {

    private GlanceCore core;
    private String imageId;
    private List<PatchOperation> rename;
    private List<PatchOperation> tenOperations;

    @Setup
    public void setUp() {
        InMemoryImageMemberRepository members = new InMemoryImageMemberRepository();
        core = GlanceCore.builder()
                .images(new InMemoryImageRepository(members))
                .members(members)
                .stores(List.of(new DiscardingImageStore(1 << 20)), "discard")
                .data(DataSettings.defaults())
                .build();
        Map<String, Object> body = new HashMap<>();
        body.put("name", "benchmark");
        body.put("disk_format", "qcow2");
        body.put("container_format", "bare");
        for (int i = 0; i < 20; i++) {
            body.put("x_existing_" + i, "value " + i);
        }
        Image image = core.images().create(MEMBER, body);
        imageId = image.id();
        rename = List.of(PatchOperation.replace("/name", "renamed"));
        List<PatchOperation> ops = new ArrayList<>();
        ops.add(PatchOperation.replace("/name", "renamed again"));
        for (int i = 0; i < 8; i++) {
            ops.add(PatchOperation.add("/x_added_" + i, "value " + i));
        }
        ops.add(PatchOperation.replace("/tags", List.of("benchmark", "jmh")));
        tenOperations = List.copyOf(ops);
    }

    @Benchmark
    public Image oneOperation() {
        return core.images().update(MEMBER, imageId, rename);
    }

    @Benchmark
    public Image tenOperations() {
        return core.images().update(MEMBER, imageId, tenOperations);
    }
}
