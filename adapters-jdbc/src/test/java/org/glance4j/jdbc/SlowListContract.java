package org.glance4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Cancellation;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageQuery;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.MemberStatus;
import org.glance4j.ports.model.Visibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What bounds a list on a database server: hundreds of property filters answer like a few, the statement timeout
 * stops a statement that waits too long and the pool serves the next call, and a cancelled request's statement
 * stops running in the server. A statement is made slow by a lock that the test holds on {@code images}, as a long
 * migration or a stuck transaction would. Each server's test says how to get a database, take that lock and see
 * the running statements.
 */
abstract class SlowListContract {
    private static final Instant BASE = Instant.parse("2025-01-01T00:00:00Z");

    /** A fresh database with a pool of {@code poolSize} connections. */
    abstract JdbcSettings newDatabase(int poolSize) throws Exception;

    /** Words of the driver's own timeout message, which must not reach the API's. */
    abstract List<String> driverTimeoutWords();

    /** The statement that makes every read of {@code images} wait while its connection's transaction is open. */
    abstract String lockImagesStatement();

    /** A query counting the other sessions' list statements that are running now. */
    abstract String runningListStatementsQuery();

    /** Not a speed assertion: the bound ends a run that took minutes before the fix, so that it fails. */
    @Test
    @Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void fiveConcurrentListsWithHundredsOfFiltersAnswerAndLeaveThePoolToOthers() throws Exception {
        JdbcSettings settings = newDatabase(3);
        try (JdbcRepositories repositories = JdbcRepositories.open(settings)) {
            Map<String, String> wide = new LinkedHashMap<>();
            for (int k = 0; k < 400; k++) {
                wide.put("p" + k, "v");
            }
            for (int n = 0; n < 300; n++) {
                Map<String, String> properties = new LinkedHashMap<>();
                for (int k = 0; k < 10; k++) {
                    properties.put("p" + ((n + k) % 40), "v");
                }
                if (n % 100 == 0) {
                    properties.putAll(wide);
                }
                repositories.images().add(image(n).properties(properties).build());
            }
            List<CompletableFuture<List<Image>>> lists = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                lists.add(CompletableFuture.supplyAsync(
                        () -> repositories.images().list(query(wide, null))));
            }
            List<Image> plain = repositories
                    .images()
                    .list(new ImageQuery(
                            new ImageQuery.Viewer("project", false),
                            ImageQuery.VisibilityFilter.DEFAULT,
                            MemberStatus.ACCEPTED,
                            null,
                            null,
                            null,
                            false,
                            null,
                            null,
                            3));
            assertThat(plain).hasSize(3);
            for (CompletableFuture<List<Image>> list : lists) {
                assertThat(list.get()).extracting(Image::id).containsExactly(id(200), id(100), id(0));
            }
        }
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aStatementPastTheTimeoutIsAnUnavailableErrorAndThePoolServesTheNextCall() throws Exception {
        JdbcSettings settings = newDatabase(1).withStatementTimeout(Duration.ofSeconds(2));
        try (JdbcRepositories repositories = JdbcRepositories.open(settings)) {
            repositories.images().add(image(1).build());
            GlanceException failure;
            try (Connection locker = lockImages(settings)) {
                failure = org.assertj.core.api.Assertions.catchThrowableOfType(
                        GlanceException.class, () -> repositories.images().list(query(Map.of(), null)));
                locker.rollback();
            }
            assertThat(failure).isNotNull();
            assertThat(failure.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
            assertThat(failure.getMessage())
                    .startsWith("The image database did not answer in time")
                    .doesNotContain("SELECT");
            for (String word : driverTimeoutWords()) {
                assertThat(failure.getMessage()).doesNotContain(word);
            }
            // One connection in the pool: it came back and serves the next call.
            assertThat(repositories.images().list(query(Map.of(), null)))
                    .extracting(Image::id)
                    .containsExactly(id(1));
        }
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void cancellingTheRequestStopsItsStatementInTheServer() throws Exception {
        JdbcSettings settings = newDatabase(1).withStatementTimeout(Duration.ZERO);
        try (JdbcRepositories repositories = JdbcRepositories.open(settings)) {
            repositories.images().add(image(1).build());
            Cancellation cancellation = Cancellation.create();
            try (Connection locker = lockImages(settings)) {
                CompletableFuture<List<Image>> list = CompletableFuture.supplyAsync(
                        () -> repositories.images().list(query(Map.of(), cancellation)));
                waitUntil(() -> waitingListStatements(settings) == 1);
                cancellation.cancel();
                ExecutionException failure =
                        org.assertj.core.api.Assertions.catchThrowableOfType(ExecutionException.class, list::get);
                assertThat(failure.getCause())
                        .isInstanceOf(GlanceException.class)
                        .hasMessage("The request was cancelled: the client went away.");
                assertThat(waitingListStatements(settings)).isZero();
                locker.rollback();
            }
            assertThat(repositories.images().list(query(Map.of(), null)))
                    .extracting(Image::id)
                    .containsExactly(id(1));
            assertThat(catchCancelled(() -> repositories.images().list(query(Map.of(), cancellation))))
                    .hasMessage("The request was cancelled: the client went away.");
        }
    }

    private static Throwable catchCancelled(Runnable call) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(GlanceException.class, call::run);
    }

    /** A connection in an open transaction holding the lock on {@code images}: every read waits until it closes. */
    private Connection lockImages(JdbcSettings settings) throws Exception {
        Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute(lockImagesStatement());
        }
        return connection;
    }

    /**
     * The list statements of other sessions that are running now (waiting for the lock), seen from a fresh
     * connection (inside a transaction, PostgreSQL's pg_stat_activity keeps showing its first snapshot).
     */
    private int waitingListStatements(JdbcSettings settings) throws Exception {
        try (Connection connection =
                        DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(runningListStatementsQuery())) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("condition not met within 60 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static ImageQuery query(Map<String, String> properties, Cancellation cancellation) {
        return new ImageQuery(
                new ImageQuery.Viewer("project", false),
                ImageQuery.VisibilityFilter.DEFAULT,
                MemberStatus.ACCEPTED,
                null,
                ImageQuery.propertyEquals(properties),
                null,
                false,
                null,
                null,
                25,
                cancellation);
    }

    private static Image.Builder image(int n) {
        return Image.builder(id(n), BASE.plusSeconds(n))
                .name("image-" + n)
                .status(ImageStatus.ACTIVE)
                .visibility(Visibility.PUBLIC)
                .owner("project")
                .containerFormat("bare")
                .diskFormat("raw");
    }

    private static String id(int n) {
        return String.format("00000000-0000-4000-8000-%012d", n);
    }
}
