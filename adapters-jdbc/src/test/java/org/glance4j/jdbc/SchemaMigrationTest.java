package org.glance4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.glance4j.ports.model.Image;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The schema migrations: idempotent, and safe when several threads or processes open one database at once. */
class SchemaMigrationTest {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    static final int NEWEST =
            SchemaMigrator.MIGRATIONS.get(SchemaMigrator.MIGRATIONS.size() - 1).version();
    /** Each migration applied exactly once, in order. */
    static final java.util.List<Integer> ALL_VERSIONS = SchemaMigrator.MIGRATIONS.stream()
            .map(SchemaMigrator.Migration::version)
            .toList();

    @TempDir
    Path directory;

    @Nested
    class OnSqlite {
        @Test
        void openingTwiceMigratesOnceAndKeepsTheData() {
            JdbcSettings settings = JdbcSettings.sqlite(directory.resolve("glance.sqlite"), 2);
            try (JdbcRepositories first = JdbcRepositories.open(settings)) {
                assertThat(first.schemaVersion()).isEqualTo(NEWEST);
                first.images().add(Image.builder("kept", Instant.now()).build());
            }
            try (JdbcRepositories second = JdbcRepositories.open(settings)) {
                assertThat(second.schemaVersion()).isEqualTo(NEWEST);
                assertThat(second.images().find("kept")).isPresent();
            }
            assertThat(appliedVersions(settings)).containsExactlyElementsOf(ALL_VERSIONS);
        }

        @Test
        void threadsOpeningAFreshFileAtOnceAllSucceedAndMigrateOnce() throws Exception {
            JdbcSettings settings = JdbcSettings.sqlite(directory.resolve("glance.sqlite"), 2);
            openConcurrently(settings, 4);
            assertThat(appliedVersions(settings)).containsExactlyElementsOf(ALL_VERSIONS);
        }

        @Test
        void processesOpeningAFreshFileAtOnceAllSucceedAndMigrateOnce() throws Exception {
            JdbcSettings settings = JdbcSettings.sqlite(directory.resolve("glance.sqlite"), 2);
            List<Process> children = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                children.add(new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java")
                                        .toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                OpenDatabaseInChildProcess.class.getName(),
                                settings.jdbcUrl(),
                                "child-" + k)
                        .redirectErrorStream(true)
                        .start());
            }
            try (JdbcRepositories mine = JdbcRepositories.open(settings)) {
                mine.images().add(Image.builder("parent", Instant.now()).build());
            }
            for (Process child : children) {
                assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
                String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(child.exitValue()).as(output).isZero();
                assertThat(output).contains("schema version " + NEWEST);
            }
            assertThat(appliedVersions(settings)).containsExactlyElementsOf(ALL_VERSIONS);
            try (JdbcRepositories after = JdbcRepositories.open(settings)) {
                for (String id : List.of("parent", "child-0", "child-1", "child-2")) {
                    assertThat(after.images().find(id)).as(id).isPresent();
                }
            }
        }

        @Test
        void aSchemaNewerThanThisBuildIsRefused() {
            JdbcSettings settings = JdbcSettings.sqlite(directory.resolve("glance.sqlite"), 2);
            JdbcRepositories.open(settings).close();
            jdbi(settings)
                    .useHandle(h -> h.execute(
                            "INSERT INTO schema_version (version, description, applied_at) VALUES (999, 'future', 0)"));

            assertThatThrownBy(() -> JdbcRepositories.open(settings))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("999")
                    .hasMessageContaining("newer");
        }

        @Test
        void anUnknownDatabaseUrlIsRefusedClearly() {
            assertThatThrownBy(() -> JdbcRepositories.open(new JdbcSettings("jdbc:mysql://x/y", null, null, 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("jdbc:sqlite:")
                    .hasMessageContaining("jdbc:postgresql:");
        }
    }

    @Nested
    class OnPostgres {
        @Test
        void openingTwiceMigratesOnceAndKeepsTheData() {
            JdbcSettings settings = POSTGRES.server().newDatabase(2);
            try (JdbcRepositories first = JdbcRepositories.open(settings)) {
                first.images().add(Image.builder("kept", Instant.now()).build());
            }
            try (JdbcRepositories second = JdbcRepositories.open(settings)) {
                assertThat(second.schemaVersion()).isEqualTo(NEWEST);
                assertThat(second.images().find("kept")).isPresent();
            }
            assertThat(appliedVersions(settings)).containsExactlyElementsOf(ALL_VERSIONS);
        }

        @Test
        void threadsOpeningAFreshDatabaseAtOnceAllSucceedAndMigrateOnce() throws Exception {
            JdbcSettings settings = POSTGRES.server().newDatabase(2);
            openConcurrently(settings, 4);
            assertThat(appliedVersions(settings)).containsExactlyElementsOf(ALL_VERSIONS);
        }
    }

    static void openConcurrently(JdbcSettings settings, int openers) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(openers);
        try {
            List<Future<Integer>> versions = new ArrayList<>();
            for (int k = 0; k < openers; k++) {
                String id = "opener-" + k;
                Callable<Integer> open = () -> {
                    start.await();
                    try (JdbcRepositories repositories = JdbcRepositories.open(settings)) {
                        repositories
                                .images()
                                .add(Image.builder(id, Instant.now()).build());
                        return repositories.schemaVersion();
                    }
                };
                versions.add(pool.submit(open));
            }
            start.countDown();
            for (Future<Integer> version : versions) {
                assertThat(version.get(120, TimeUnit.SECONDS)).isEqualTo(NEWEST);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static List<Integer> appliedVersions(JdbcSettings settings) {
        return jdbi(settings)
                .withHandle(h -> h.createQuery("SELECT version FROM schema_version ORDER BY version")
                        .mapTo(Integer.class)
                        .list());
    }

    private static Jdbi jdbi(JdbcSettings settings) {
        return settings.user() == null
                ? Jdbi.create(settings.jdbcUrl())
                : Jdbi.create(settings.jdbcUrl(), settings.user(), settings.password());
    }
}
