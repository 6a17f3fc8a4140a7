package org.example.glance4j.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.glance4j.core.GlanceCore;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ImageDownload;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.testing.InMemoryImageMemberRepository;
import org.glance4j.ports.testing.InMemoryImageRepository;
import org.glance4j.ports.testing.store.InMemoryImageStore;
import org.junit.jupiter.api.Test;

/**
 * How an embedder tests their own code against the core without files or a database: the same core over the
 * in-memory repositories and store of glance4j-adapters-memory, which pass the same contract kits as the real ones.
 */
class InMemoryCoreTest {

    private final InMemoryImageMemberRepository members = new InMemoryImageMemberRepository();
    private final InMemoryImageStore store = new InMemoryImageStore("memory");
    private final RequestContext me = new RequestContext("req-test", "me", "my-project", Set.of("member", "reader"));
    private final RequestContext stranger = new RequestContext("req-other", "you", "your-project",
            Set.of("member", "reader"));

    @Test
    void anImageGoesThroughItsLifeInMemory() throws Exception {
        try (GlanceCore core = GlanceCore.builder().images(new InMemoryImageRepository(members)).members(members)
                .stores(List.of(store), "memory").build()) {
            Image image = core.images().create(me, Map.of("name", "in-memory", "disk_format", "raw",
                    "container_format", "bare", "visibility", "private"));
            byte[] data = "bytes in the heap\n".getBytes(StandardCharsets.UTF_8);
            Image active = core.imageData().upload(me, image.id(), new ByteArrayInputStream(data), data.length);
            assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
            assertThat(store.objectCount()).isEqualTo(1);

            try (ImageDownload download = core.imageData().download(me, image.id(), null)) {
                assertThat(download.body().readAllBytes()).isEqualTo(data);
            }
            assertThatThrownBy(() -> core.images().get(stranger, image.id()))
                    .isInstanceOfSatisfying(GlanceException.class,
                            e -> assertThat(e.category()).isEqualTo(ErrorCategory.NOT_FOUND));

            core.images().delete(me, image.id());
            assertThat(store.objectCount()).isZero();
        }
    }
}
