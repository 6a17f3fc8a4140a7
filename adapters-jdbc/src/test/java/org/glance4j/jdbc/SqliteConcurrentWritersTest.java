package org.glance4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.error.StaleRevisionException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageField;
import org.glance4j.ports.model.ImageQuery;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.Visibility;
import org.glance4j.ports.out.ImageRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sixteen writers on one SQLite file (default settings, synchronous=FULL): nobody meets SQLITE_BUSY or any other
 * error, revisions turn every lost update into a retry, and readers keep working meanwhile.
 */
class SqliteConcurrentWritersTest {
    private static final int WRITERS = 16;
    private static final int ROUNDS = 25;
    private static final int SHARED_IMAGES = 4;

    @TempDir
    Path directory;

    @Test
    void sixteenWritersLoseNothingAndFailNever() throws Exception {
        try (JdbcRepositories repositories =
                JdbcRepositories.open(JdbcSettings.sqlite(directory.resolve("g.sqlite"), 4))) {
            ImageRepository images = repositories.images();
            for (int k = 0; k < SHARED_IMAGES; k++) {
                images.add(Image.builder("shared-" + k, Instant.now())
                        .status(ImageStatus.ACTIVE)
                        .visibility(Visibility.PUBLIC)
                        .build());
            }
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            AtomicInteger staleRetries = new AtomicInteger();
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger reads = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 2);
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                work.add(pool.submit(() -> {
                    await(start);
                    try {
                        for (int round = 0; round < ROUNDS; round++) {
                            images.add(Image.builder("w" + writer + "-" + round, Instant.now())
                                    .tags(List.of("writer-" + writer))
                                    .property("round", Integer.toString(round))
                                    .build());
                            increment(images, "shared-" + ((writer + round) % SHARED_IMAGES), staleRetries);
                        }
                    } catch (Throwable t) {
                        errors.add(t);
                    }
                }));
            }
            for (int r = 0; r < 2; r++) {
                pool.submit(() -> {
                    await(start);
                    try {
                        while (writing.get()) {
                            images.list(new ImageQuery(
                                    new ImageQuery.Viewer(null, true),
                                    ImageQuery.VisibilityFilter.ALL,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    List.of(
                                            new ImageQuery.SortOrder(ImageField.CREATED_AT, false),
                                            new ImageQuery.SortOrder(ImageField.ID, false)),
                                    null,
                                    50));
                            reads.incrementAndGet();
                        }
                    } catch (Throwable t) {
                        errors.add(t);
                    }
                });
            }
            start.countDown();
            for (Future<?> f : work) {
                f.get(5, TimeUnit.MINUTES);
            }
            writing.set(false);
            pool.shutdown();
            assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

            assertThat(errors).isEmpty();
            assertThat(reads.get()).isPositive();
            int total = 0;
            for (int k = 0; k < SHARED_IMAGES; k++) {
                Image shared = images.find("shared-" + k).orElseThrow();
                assertThat(shared.revision()).isEqualTo(shared.minRam());
                total += shared.minRam();
            }
            assertThat(total).isEqualTo(WRITERS * ROUNDS);
            for (int w = 0; w < WRITERS; w++) {
                for (int round = 0; round < ROUNDS; round++) {
                    Image added = images.find("w" + w + "-" + round).orElseThrow();
                    assertThat(added.tags()).containsExactly("writer-" + w);
                    assertThat(added.properties()).containsEntry("round", Integer.toString(round));
                }
            }
        }
    }

    @Test
    void aFailingWriteInAGroupDoesNotTakeTheOthersWithIt() throws Exception {
        try (JdbcRepositories repositories =
                JdbcRepositories.open(JdbcSettings.sqlite(directory.resolve("g.sqlite"), 4))) {
            ImageRepository images = repositories.images();
            images.add(Image.builder("taken", Instant.now()).build());
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ErrorCategory>> outcomes = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                String id = w % 2 == 0 ? "taken" : "fresh-" + w;
                outcomes.add(pool.submit(() -> {
                    await(start);
                    try {
                        images.add(Image.builder(id, Instant.now())
                                .tags(List.of("t"))
                                .build());
                        return null;
                    } catch (GlanceException e) {
                        return e.category();
                    }
                }));
            }
            start.countDown();
            for (int w = 0; w < WRITERS; w++) {
                ErrorCategory outcome = outcomes.get(w).get(1, TimeUnit.MINUTES);
                if (w % 2 == 0) {
                    assertThat(outcome).isEqualTo(ErrorCategory.CONFLICT);
                } else {
                    assertThat(outcome).isNull();
                    assertThat(images.find("fresh-" + w).orElseThrow().tags()).containsExactly("t");
                }
            }
            assertThat(images.find("taken").orElseThrow().tags()).isEmpty();
            pool.shutdownNow();
        }
    }

    private static void increment(ImageRepository images, String id, AtomicInteger staleRetries) {
        while (true) {
            Image current = images.find(id).orElseThrow();
            try {
                images.update(current.toBuilder()
                        .minRam(current.minRam() + 1)
                        .updatedAt(Instant.now())
                        .build());
                return;
            } catch (StaleRevisionException e) {
                staleRetries.incrementAndGet();
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
