package org.glance4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import org.glance4j.ports.in.ImageActionService;
import org.glance4j.ports.in.ImageCacheService;
import org.glance4j.ports.in.ImageDataService;
import org.glance4j.ports.in.ImageLocationService;
import org.glance4j.ports.in.ImageMemberService;
import org.glance4j.ports.in.ImageService;
import org.glance4j.ports.in.ImageTagService;
import org.glance4j.ports.in.ImageVerificationService;
import org.glance4j.ports.in.ImportService;
import org.glance4j.ports.in.SchemaService;
import org.glance4j.ports.in.StoreInfoService;
import org.glance4j.ports.in.TaskService;
import org.glance4j.ports.in.UsageService;
import org.glance4j.ports.in.metadef.MetadefCatalogService;
import org.glance4j.ports.in.metadef.MetadefNamespaceService;
import org.glance4j.ports.in.metadef.MetadefObjectService;
import org.glance4j.ports.in.metadef.MetadefPropertyService;
import org.glance4j.ports.in.metadef.MetadefResourceTypeService;
import org.glance4j.ports.in.metadef.MetadefSchemaService;
import org.glance4j.ports.in.metadef.MetadefServices;
import org.glance4j.ports.in.metadef.MetadefTagService;
import org.junit.jupiter.api.Test;

/** Each copy method replaces its own use cases and keeps every other one. */
class ApiServicesTest {

    private final ApiServices base = new ApiServices(
            unused(ImageService.class),
            unused(ImageTagService.class),
            unused(SchemaService.class),
            unused(ImageDataService.class),
            unused(ImageActionService.class),
            unused(StoreInfoService.class),
            unused(ImageLocationService.class),
            unused(ImageMemberService.class),
            null,
            null,
            null);
    private final MetadefServices metadefs = new MetadefServices(
            unused(MetadefNamespaceService.class),
            unused(MetadefObjectService.class),
            unused(MetadefPropertyService.class),
            unused(MetadefTagService.class),
            unused(MetadefResourceTypeService.class),
            unused(MetadefSchemaService.class),
            unused(MetadefCatalogService.class));
    private final ImportService importing = unused(ImportService.class);
    private final TaskService tasks = unused(TaskService.class);
    private final UsageService usage = unused(UsageService.class);
    private final ImageCacheService cache = unused(ImageCacheService.class);
    private final ImageVerificationService verification = unused(ImageVerificationService.class);

    @Test
    void everyCopyKeepsWhatTheOthersSet() {
        ApiServices all = base.withUsage(usage)
                .withImport(importing, tasks)
                .withMetadefs(metadefs)
                .withCache(cache)
                .withVerification(verification);
        assertOptional(all);
        ApiServices reversed = base.withVerification(verification)
                .withCache(cache)
                .withMetadefs(metadefs)
                .withImport(importing, tasks)
                .withUsage(usage);
        assertOptional(reversed);
    }

    @Test
    void theShortConstructorLeavesTheOptionalUseCasesOut() {
        assertThat(base.metadefs()).isNull();
        assertThat(base.importing()).isNull();
        assertThat(base.tasks()).isNull();
        assertThat(base.verification()).isNull();
        assertThat(base.cache().enabled()).isFalse();
        assertThat(base.usage()).isNotNull();
    }

    private void assertOptional(ApiServices copy) {
        assertThat(copy.images()).isSameAs(base.images());
        assertThat(copy.tags()).isSameAs(base.tags());
        assertThat(copy.schemas()).isSameAs(base.schemas());
        assertThat(copy.data()).isSameAs(base.data());
        assertThat(copy.actions()).isSameAs(base.actions());
        assertThat(copy.stores()).isSameAs(base.stores());
        assertThat(copy.locations()).isSameAs(base.locations());
        assertThat(copy.members()).isSameAs(base.members());
        assertThat(copy.metadefs()).isSameAs(metadefs);
        assertThat(copy.importing()).isSameAs(importing);
        assertThat(copy.tasks()).isSameAs(tasks);
        assertThat(copy.usage()).isSameAs(usage);
        assertThat(copy.cache()).isSameAs(cache);
        assertThat(copy.verification()).isSameAs(verification);
    }

    /** A stand-in that is only compared by identity: any call on it fails the test. */
    @SuppressWarnings("unchecked")
    private static <T> T unused(Class<T> type) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            throw new UnsupportedOperationException(method.getName());
        });
    }
}
