package org.glance4j.core.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.glance4j.core.CoreFixture;
import org.glance4j.core.settings.DataSettings;
import org.glance4j.core.settings.ImportSettings;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageLocation;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.task.Task;
import org.glance4j.ports.model.task.TaskStatus;
import org.glance4j.ports.out.store.StoredObject;
import org.glance4j.ports.testing.store.ForwardingImageStore;
import org.glance4j.ports.testing.store.InMemoryImageStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports with several stores: stores, all_stores, all_stores_must_succeed, and copy-image. */
class MultiStoreImportTest {

    @TempDir
    Path staging;

    private final InMemoryImageStore fast = new InMemoryImageStore("fast");
    private final InMemoryImageStore slow = new InMemoryImageStore("slow");
    private final ForwardingImageStore broken = new ForwardingImageStore(new InMemoryImageStore("broken")) {
        @Override
        public StoredObject write(String imageId, InputStream data, long expectedSize) {
            throw GlanceException.unavailable("Store 'broken' is down", null);
        }
    };
    private ImportFixture fx;

    @BeforeEach
    void start() {
        fx = new ImportFixture(
                staging,
                ImportSettings.defaults().withMultiStore(true),
                List.of(fast, slow, broken),
                "fast",
                DataSettings.defaults());
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private static byte[] bytes() {
        byte[] b = new byte[10_000];
        new Random(3).nextBytes(b);
        b[0] = 7;
        return b;
    }

    private Image staged() {
        Image image = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");
        fx.stage(image, bytes());
        return image;
    }

    private Task run(RequestContextHolder who, Image image, Map<String, Object> body) {
        return fx.awaitTask(fx.importImage(who.context, image, body));
    }

    private record RequestContextHolder(org.glance4j.ports.model.RequestContext context) {}

    private static final RequestContextHolder OWNER = new RequestContextHolder(CoreFixture.OWNER_MEMBER);
    private static final RequestContextHolder ADMIN = new RequestContextHolder(CoreFixture.ADMIN);

    @Test
    void importsToTheNamedStores() {
        Image image = staged();
        Task task =
                run(OWNER, image, Map.of("method", Map.of("name", "glance-direct"), "stores", List.of("fast", "slow")));
        assertThat(task.status()).as(task.message()).isEqualTo(TaskStatus.SUCCESS);
        Image active = fx.stored(image.id());
        assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(active.locations()).extracting(ImageLocation::storeId).containsExactly("fast", "slow");
        assertThat(active.properties())
                .containsEntry(ImportProperties.IMPORTING, "")
                .containsEntry(ImportProperties.FAILED, "");
    }

    @Test
    void whenAllMustSucceedOneFailedStoreFailsTheImportAndLeavesNothing() {
        Image image = staged();
        Task task = run(
                OWNER, image, Map.of("method", Map.of("name", "glance-direct"), "stores", List.of("fast", "broken")));
        assertThat(task.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(task.message()).contains("broken");
        Image queued = fx.stored(image.id());
        assertThat(queued.status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(queued.locations()).isEmpty();
        assertThat(fast.objectCount()).isZero();
        assertThat(queued.properties().get(ImportProperties.FAILED)).contains("broken");
    }

    @Test
    void whenNotAllMustSucceedTheImageIsActiveAndTheFailedStoreListed() {
        Image image = staged();
        Task task = run(
                OWNER,
                image,
                Map.of(
                        "method",
                        Map.of("name", "glance-direct"),
                        "all_stores",
                        true,
                        "all_stores_must_succeed",
                        false));
        assertThat(task.status()).as(task.message()).isEqualTo(TaskStatus.SUCCESS);
        Image active = fx.stored(image.id());
        assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(active.locations()).extracting(ImageLocation::storeId).containsExactly("fast", "slow");
        assertThat(active.properties())
                .containsEntry(ImportProperties.FAILED, "broken")
                .containsEntry(ImportProperties.IMPORTING, "");
    }

    @Test
    void storeChoicesAreCheckedAsGlanceChecksThem() {
        Image image = staged();
        assertThatThrownBy(() -> fx.importImage(
                        CoreFixture.OWNER_MEMBER,
                        image,
                        Map.of("method", Map.of("name", "glance-direct"), "stores", List.of("nowhere"))))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONFLICT))
                .hasMessage("Unknown scheme 'nowhere' found in URI");
        assertThatThrownBy(() -> fx.importImage(
                        CoreFixture.OWNER_MEMBER,
                        image,
                        Map.of(
                                "method",
                                Map.of("name", "glance-direct"),
                                "stores",
                                List.of("fast"),
                                "all_stores",
                                true)))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.INVALID));
        assertThatThrownBy(() -> fx.core
                        .importing()
                        .importImage(
                                CoreFixture.OWNER_MEMBER,
                                image.id(),
                                Map.of("method", Map.of("name", "glance-direct"), "stores", List.of("fast")),
                                "slow"))
                .hasMessage("Stores parameter and x-image-meta-store header can't be both specified");
        Task byHeader = fx.awaitTask(fx.core
                .importing()
                .importImage(CoreFixture.OWNER_MEMBER, image.id(), ImportFixture.method("glance-direct"), "slow"));
        assertThat(byHeader.status()).as(byHeader.message()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(fx.stored(image.id()).locations())
                .extracting(ImageLocation::storeId)
                .containsExactly("slow");
    }

    @Test
    void copyImageAddsAStoreForAdminsOnly() throws Exception {
        Image image = staged();
        run(OWNER, image, ImportFixture.method("glance-direct"));
        Map<String, Object> copy = Map.of("method", Map.of("name", "copy-image"), "stores", List.of("slow"));
        assertThatThrownBy(() -> fx.importImage(CoreFixture.OWNER_MEMBER, fx.stored(image.id()), copy))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.FORBIDDEN));
        assertThatThrownBy(() -> fx.importImage(
                        CoreFixture.ADMIN,
                        image,
                        Map.of("method", Map.of("name", "copy-image"), "stores", List.of("fast"))))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.INVALID))
                .hasMessage("Image is already present at store 'fast'");
        Task task = run(ADMIN, image, copy);
        assertThat(task.status()).as(task.message()).isEqualTo(TaskStatus.SUCCESS);
        Image copied = fx.stored(image.id());
        assertThat(copied.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(copied.locations()).extracting(ImageLocation::storeId).containsExactly("fast", "slow");
        try (InputStream in = slow.read(copied.locations().get(1).url(), null)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes());
        }
        Image queued = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");
        assertThatThrownBy(() -> fx.importImage(CoreFixture.ADMIN, queued, copy))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONFLICT));
    }

    @Test
    void aFailedCopyLeavesTheImageActive() {
        Image image = staged();
        run(OWNER, image, ImportFixture.method("glance-direct"));
        Task task = run(ADMIN, image, Map.of("method", Map.of("name", "copy-image"), "stores", List.of("broken")));
        assertThat(task.status()).isEqualTo(TaskStatus.FAILURE);
        Image still = fx.stored(image.id());
        assertThat(still.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(still.locations()).extracting(ImageLocation::storeId).containsExactly("fast");
        assertThat(still.properties())
                .containsEntry(ImportProperties.FAILED, "broken")
                .doesNotContainKey(ImportProperties.LOCK);
    }

    @Test
    void stagingWithoutDataStillWorksWithAnEmptyStream() {
        Image image = fx.queued(CoreFixture.OWNER_MEMBER, "raw", "bare");
        Image staged = fx.core
                .importing()
                .stage(CoreFixture.OWNER_MEMBER, image.id(), new ByteArrayInputStream(new byte[0]), 0);
        assertThat(staged.size()).isZero();
        assertThat(staged.status()).isEqualTo(ImageStatus.UPLOADING);
    }
}
