package org.glance4j.storage.swift;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.glance4j.ports.out.store.ByteRange;
import org.glance4j.ports.out.store.ImagePart;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoredObject;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A composed write to the {@code swift} store on a real Swift is a static large object: segments under
 * {@code <image id>/} in the store's container and a manifest named after the image, which reads and sizes as the
 * whole object; deleting it removes the segments too.
 */
@ExtendWith(SwiftServer.class)
class SwiftComposedWriteTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void aComposedWriteIsAStaticLargeObjectWhoseDeletionRemovesItsSegments() throws Exception {
        String container = "compose-" + ProcessHandle.current().pid();
        long[][] sizesAndSeeds = {{6 * MIB, 1}, {5 * MIB + 1, 2}, {17, 3}};
        List<ImagePart> parts = new ArrayList<>();
        for (long[] part : sizesAndSeeds) {
            parts.add(new ImagePart(part[0], () -> GeneratedBytes.of(part[0], part[1]), Optional.empty()));
        }
        try (ImageStore store = new SwiftImageStoreFactory()
                .create("slo", SwiftStoreContractTest.options(SwiftServer.get().authAddress(), container))) {
            StoredObject written = store.writeComposed("img", parts);

            List<String> names = SwiftServer.get().objectNames(container);
            assertThat(names).contains("img");
            assertThat(names.stream().filter(name -> name.startsWith("img/")))
                    .as("segments of 5 MiB and the rest")
                    .hasSize(3);
            assertThat(store.size(written.location())).isEqualTo(11 * MIB + 18);
            assertThat(GeneratedBytes.sha256(store.read(written.location(), null)))
                    .isEqualTo(concatenationSha256(sizesAndSeeds));
            try (InputStream across = store.read(written.location(), new ByteRange(5 * MIB - 3, 6))) {
                assertThat(across.readAllBytes()).hasSize(6);
            }

            assertThat(store.delete(written.location())).isTrue();
            assertThat(SwiftServer.get().objectNames(container))
                    .as("objects after the delete")
                    .isEmpty();
        }
    }

    private static String concatenationSha256(long[][] sizesAndSeeds) {
        List<InputStream> streams = new ArrayList<>();
        for (long[] part : sizesAndSeeds) {
            streams.add(GeneratedBytes.of(part[0], part[1]));
        }
        return GeneratedBytes.sha256(new SequenceInputStream(Collections.enumeration(streams)));
    }
}
