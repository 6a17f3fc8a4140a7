package org.glance4j.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.glance4j.archfixture.cycle.left.Left;
import org.glance4j.archfixture.cycle.right.Right;
import org.glance4j.bootstrap.archfixture.BootstrapModule;
import org.glance4j.bootstrap.archfixture.BootstrapNamingAStore;
import org.glance4j.core.archfixture.CleanCore;
import org.glance4j.core.archfixture.CoreRunningAProcess;
import org.glance4j.core.archfixture.CoreUsingFileChannel;
import org.glance4j.core.archfixture.CoreUsingFiles;
import org.glance4j.core.archfixture.CoreUsingHttpAdapter;
import org.glance4j.core.archfixture.CoreUsingHttpClient;
import org.glance4j.core.archfixture.CoreUsingIoFile;
import org.glance4j.core.archfixture.CoreUsingJdbi;
import org.glance4j.core.archfixture.CoreUsingMicrometer;
import org.glance4j.core.archfixture.CoreUsingRandomAccessFile;
import org.glance4j.core.archfixture.CoreUsingUndertow;
import org.glance4j.core.archfixture.CoreWithGuiceInject;
import org.glance4j.core.archfixture.CoreWithJakartaInject;
import org.glance4j.core.archfixture.RootThing;
import org.glance4j.core.archfixture.sub.SubThing;
import org.glance4j.http.archfixture.CleanHttp;
import org.glance4j.http.archfixture.HttpUsingCore;
import org.glance4j.http.archfixture.HttpUsingJdbc;
import org.glance4j.http.archfixture.HttpUsingMicrometer;
import org.glance4j.http.archfixture.HttpWithGuiceModule;
import org.glance4j.jdbc.archfixture.JdbcUsingBootstrap;
import org.glance4j.jdbc.archfixture.JdbcUsingHttp;
import org.glance4j.ports.archfixture.CleanPort;
import org.glance4j.ports.archfixture.PortUsingCore;
import org.glance4j.ports.archfixture.PortWithJackson;
import org.glance4j.ports.in.archfixture.InPortUsingOutPort;
import org.glance4j.ports.out.archfixture.OutPortUsingInPort;
import org.glance4j.ports.testing.archfixture.CleanMemoryAdapter;
import org.glance4j.ports.testing.archfixture.MemoryAdapterUsingUseCase;
import org.glance4j.staging.archfixture.CleanStaging;
import org.glance4j.staging.archfixture.StagingUsingCore;
import org.glance4j.storage.archfixture.StorageUsingCore;
import org.glance4j.storage.cache.archfixture.CacheFilesUsingStore;
import org.glance4j.storage.cache.archfixture.CleanCacheFiles;
import org.glance4j.storage.file.archfixture.FileStoreUsingHttpStore;
import org.glance4j.storage.file.archfixture.FileStoreUsingJclouds;
import org.junit.jupiter.api.Test;

/**
 * Proves that each rule of {@link HexagonRules} fails on a deliberate violation and names the offending
 * dependency. The fixtures live in the test sources, so the production import never sees them; here each is
 * imported on its own.
 */
class RulesCatchViolationsTest {

    private static EvaluationResult evaluate(ArchRule rule, Class<?>... fixtures) {
        return rule.evaluate(new ClassFileImporter().importClasses(fixtures));
    }

    private static void assertViolation(ArchRule rule, Class<?> fixture, String offendingType) {
        EvaluationResult result = evaluate(rule, fixture);
        assertThat(result.hasViolation())
                .as("%s should break: %s", fixture.getSimpleName(), rule.getDescription())
                .isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.contains(fixture.getName()) && line.contains(offendingType));
    }

    private static void assertNoViolation(ArchRule rule, Class<?>... fixtures) {
        EvaluationResult result = evaluate(rule, fixtures);
        assertThat(result.getFailureReport().getDetails()).isEmpty();
    }

    @Test
    void onlyTheBootstrapMetricsPackageMayUseMicrometer() {
        assertViolation(
                HexagonRules.CORE_DEPENDS_ONLY_ON_PORTS_AND_JDK,
                CoreUsingMicrometer.class,
                "io.micrometer.core.instrument.Counter");
        assertViolation(
                HexagonRules.METRICS_STAY_IN_BOOTSTRAP,
                CoreUsingMicrometer.class,
                "io.micrometer.core.instrument.Counter");
        assertViolation(
                HexagonRules.METRICS_STAY_IN_BOOTSTRAP,
                HttpUsingMicrometer.class,
                "io.micrometer.core.instrument.MeterRegistry");
        assertNoViolation(HexagonRules.METRICS_STAY_IN_BOOTSTRAP, CleanHttp.class, CleanCore.class);
    }

    @Test
    void portsMayNotUseFrameworksOrCore() {
        assertViolation(
                HexagonRules.PORTS_DEPEND_ONLY_ON_JDK,
                PortWithJackson.class,
                "com.fasterxml.jackson.databind.JsonNode");
        assertViolation(
                HexagonRules.PORTS_DEPEND_ONLY_ON_JDK, PortUsingCore.class, "org.glance4j.core.settings.CoreSettings");
        assertNoViolation(HexagonRules.PORTS_DEPEND_ONLY_ON_JDK, CleanPort.class);
    }

    @Test
    void coreMayNotUseInjectionFrameworksLibrariesOrAdapters() {
        assertViolation(
                HexagonRules.CORE_DEPENDS_ONLY_ON_PORTS_AND_JDK, CoreWithGuiceInject.class, "com.google.inject.Inject");
        assertViolation(
                HexagonRules.CORE_DEPENDS_ONLY_ON_PORTS_AND_JDK, CoreWithJakartaInject.class, "jakarta.inject.Inject");
        assertViolation(
                HexagonRules.CORE_DEPENDS_ONLY_ON_PORTS_AND_JDK,
                CoreUsingUndertow.class,
                "io.undertow.server.HttpHandler");
        assertViolation(HexagonRules.CORE_DEPENDS_ONLY_ON_PORTS_AND_JDK, CoreUsingJdbi.class, "org.jdbi.v3.core.Jdbi");
        assertViolation(
                HexagonRules.CORE_DEPENDS_ONLY_ON_PORTS_AND_JDK,
                CoreUsingHttpAdapter.class,
                "org.glance4j.http.AuthMode");
        assertNoViolation(HexagonRules.CORE_DEPENDS_ONLY_ON_PORTS_AND_JDK, CleanCore.class);
    }

    @Test
    void adaptersMayNotSeeCoreOtherAdaptersOrBootstrap() {
        assertViolation(HexagonRules.HTTP_IS_ALONE, HttpUsingCore.class, "org.glance4j.core.GlanceCore");
        assertViolation(HexagonRules.HTTP_IS_ALONE, HttpUsingJdbc.class, "org.glance4j.jdbc.JdbcSettings");
        assertViolation(HexagonRules.JDBC_IS_ALONE, JdbcUsingHttp.class, "org.glance4j.http.HttpSettings");
        assertViolation(
                HexagonRules.JDBC_IS_ALONE, JdbcUsingBootstrap.class, "org.glance4j.bootstrap.GlanceApplication");
        assertViolation(
                HexagonRules.STORAGE_IS_ALONE, StorageUsingCore.class, "org.glance4j.core.settings.CoreSettings");
        assertNoViolation(HexagonRules.HTTP_IS_ALONE, CleanHttp.class);
        assertViolation(
                HexagonRules.CACHE_FILES_ARE_ALONE,
                CacheFilesUsingStore.class,
                "org.glance4j.storage.archfixture.StorageUsingCore");
        assertNoViolation(HexagonRules.CACHE_FILES_ARE_ALONE, CleanCacheFiles.class);
    }

    @Test
    void coreMayNotDoFileProcessOrNetworkIoItself() {
        assertViolation(HexagonRules.CORE_DOES_NO_IO, CoreUsingHttpClient.class, "java.net.http.HttpClient");
        assertViolation(HexagonRules.CORE_DOES_NO_IO, CoreRunningAProcess.class, "java.lang.ProcessBuilder");
        assertViolation(HexagonRules.CORE_DOES_NO_IO, CoreUsingFiles.class, "java.nio.file.Files");
        assertViolation(HexagonRules.CORE_DOES_NO_IO, CoreUsingIoFile.class, "java.io.File");
        assertViolation(HexagonRules.CORE_DOES_NO_IO, CoreUsingFileChannel.class, "java.nio.channels.FileChannel");
        assertViolation(HexagonRules.CORE_DOES_NO_IO, CoreUsingRandomAccessFile.class, "java.io.RandomAccessFile");
        assertNoViolation(HexagonRules.CORE_DOES_NO_IO, CleanCore.class);
    }

    @Test
    void onlyBootstrapMayUseGuice() {
        assertViolation(
                HexagonRules.GUICE_ONLY_IN_BOOTSTRAP, HttpWithGuiceModule.class, "com.google.inject.AbstractModule");
        assertViolation(HexagonRules.GUICE_ONLY_IN_BOOTSTRAP, CoreWithGuiceInject.class, "com.google.inject.Inject");
        assertNoViolation(HexagonRules.GUICE_ONLY_IN_BOOTSTRAP, BootstrapModule.class, CleanHttp.class);
    }

    @Test
    void theStagingAdapterSeesOnlyPortsJacksonAndTheJdk() {
        assertViolation(
                HexagonRules.STAGING_IS_ALONE, StagingUsingCore.class, "org.glance4j.core.settings.CoreSettings");
        assertNoViolation(HexagonRules.STAGING_IS_ALONE, CleanStaging.class);
    }

    @Test
    void theInMemoryAdaptersSeeOnlyTheOutboundPorts() {
        assertViolation(
                HexagonRules.MEMORY_ADAPTERS_SEE_ONLY_THE_OUTBOUND_PORTS,
                MemoryAdapterUsingUseCase.class,
                "org.glance4j.ports.in.ImageService");
        assertNoViolation(HexagonRules.MEMORY_ADAPTERS_SEE_ONLY_THE_OUTBOUND_PORTS, CleanMemoryAdapter.class);
    }

    @Test
    void inboundAndOutboundPortsMayNotSeeEachOther() {
        assertViolation(
                HexagonRules.PORTS_IN_DOES_NOT_SEE_PORTS_OUT,
                InPortUsingOutPort.class,
                "org.glance4j.ports.out.ImageRepository");
        assertViolation(
                HexagonRules.PORTS_OUT_DOES_NOT_SEE_PORTS_IN,
                OutPortUsingInPort.class,
                "org.glance4j.ports.in.ImageService");
    }

    @Test
    void packageCyclesAreReported() {
        EvaluationResult result = evaluate(HexagonRules.NO_PACKAGE_CYCLES, Left.class, Right.class);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.contains("archfixture.cycle.left") && line.contains("archfixture.cycle.right"));
        assertNoViolation(HexagonRules.NO_PACKAGE_CYCLES, Left.class);
        EvaluationResult modules = evaluate(
                HexagonRules.NO_MODULE_CYCLES,
                HttpUsingJdbc.class,
                JdbcUsingHttp.class,
                org.glance4j.jdbc.JdbcSettings.class,
                org.glance4j.http.HttpSettings.class);
        assertThat(modules.hasViolation()).isTrue();
        assertThat(modules.getFailureReport().getDetails())
                .anyMatch(line -> line.contains("Slice http") && line.contains("Slice jdbc"));
    }

    @Test
    void aCycleBetweenARootPackageAndItsSubPackageFails() {
        EvaluationResult result = evaluate(HexagonRules.NO_PACKAGE_CYCLES, RootThing.class, SubThing.class);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.contains("core.archfixture") && line.contains("core.archfixture.sub"));
    }

    @Test
    void storesArePluginsThatSeeNoOtherStoreAndBootstrapNamesNone() {
        assertViolation(
                HexagonRules.FILE_STORE_IS_ALONE,
                FileStoreUsingHttpStore.class,
                "org.glance4j.storage.http.HttpImageStoreFactory");
        assertViolation(
                HexagonRules.JCLOUDS_ONLY_IN_ITS_STORE, FileStoreUsingJclouds.class, "org.jclouds.blobstore.BlobStore");
        assertViolation(
                HexagonRules.BOOTSTRAP_KNOWS_NO_STORE,
                BootstrapNamingAStore.class,
                "org.glance4j.storage.file.FilesystemImageStoreFactory");
        assertNoViolation(HexagonRules.JCLOUDS_STORES_ARE_ALONE, FileStoreUsingHttpStore.class);
    }
}
