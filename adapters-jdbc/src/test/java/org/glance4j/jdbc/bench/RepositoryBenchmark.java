package org.glance4j.jdbc.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.glance4j.jdbc.JdbcRepositories;
import org.glance4j.jdbc.JdbcSettings;
import org.glance4j.jdbc.PostgresServer;
import org.glance4j.ports.error.StaleRevisionException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageField;
import org.glance4j.ports.model.ImageMember;
import org.glance4j.ports.model.ImageQuery;
import org.glance4j.ports.model.ImageQuery.SortOrder;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.MemberStatus;
import org.glance4j.ports.model.Visibility;
import org.glance4j.ports.out.ImageRepository;

/**
 * Not a test: seeds 100,000 images and reports the median time of the first page of 25 and of a page of 1,000,
 * and create and update throughput with 16 concurrent callers. Run with the test classpath:
 *
 * <pre>
 * java -cp ... org.glance4j.jdbc.bench.RepositoryBenchmark sqlite FULL|NORMAL [images]
 * java -cp ... org.glance4j.jdbc.bench.RepositoryBenchmark postgres [images]
 * </pre>
 */
public final class RepositoryBenchmark {
    private static final int CALLERS = 16;
    private static final int PROJECTS = 50;
    private static final Instant BASE = Instant.parse("2025-01-01T00:00:00Z");

    private RepositoryBenchmark() {}

    public static void main(String[] args) throws Exception {
        String backend = args.length > 0 ? args[0] : "sqlite";
        if (backend.equals("postgres")) {
            int count = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
            try (PostgresServer server = PostgresServer.start()) {
                JdbcSettings settings = server.newDatabase(CALLERS);
                try (JdbcRepositories repositories = JdbcRepositories.open(settings)) {
                    seed(repositories, count);
                    measure("postgresql", repositories, count);
                }
            }
            return;
        }
        String sync = args.length > 1 ? args[1] : "FULL";
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        Path directory = Files.createTempDirectory("glance4j-bench-");
        Path file = directory.resolve("glance.sqlite");
        try (JdbcRepositories seeding =
                JdbcRepositories.open(new JdbcSettings("jdbc:sqlite:" + file + "?synchronous=OFF", null, null, 4))) {
            seed(seeding, count);
        }
        try (JdbcRepositories repositories = JdbcRepositories.open(
                new JdbcSettings("jdbc:sqlite:" + file + "?synchronous=" + sync, null, null, CALLERS))) {
            measure("sqlite synchronous=" + sync, repositories, count);
        }
    }

    private static void seed(JdbcRepositories repositories, int count) throws Exception {
        long started = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        runConcurrently(8, () -> {
            for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                Image image = newImage(n);
                repositories.images().add(image);
                if (image.visibility() == Visibility.SHARED && n % 3 == 0) {
                    repositories
                            .members()
                            .add(new ImageMember(
                                    image.id(),
                                    project(n + 1),
                                    n % 2 == 0 ? MemberStatus.ACCEPTED : MemberStatus.PENDING,
                                    image.createdAt(),
                                    image.createdAt()));
                }
            }
            return 0;
        });
        System.out.printf("seeded %,d images in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
    }

    private static Image newImage(int n) {
        Random random = new Random(n);
        Visibility[] visibilities = {
            Visibility.PUBLIC,
            Visibility.SHARED,
            Visibility.SHARED,
            Visibility.PRIVATE,
            Visibility.PRIVATE,
            Visibility.COMMUNITY
        };
        return Image.builder(String.format("%08x-0000-4000-8000-%012d", n, n), BASE.plusMillis(n / 2))
                .name("image-" + n)
                .status(random.nextInt(20) == 0 ? ImageStatus.QUEUED : ImageStatus.ACTIVE)
                .visibility(visibilities[random.nextInt(visibilities.length)])
                .owner(project(n))
                .size(random.nextInt(20) == 0 ? null : (long) random.nextInt(1 << 30))
                .virtualSize((long) random.nextInt(1 << 30))
                .containerFormat("bare")
                .diskFormat(random.nextBoolean() ? "qcow2" : "raw")
                .checksum(Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()))
                .osHashAlgo("sha512")
                .osHashValue(Long.toHexString(random.nextLong()).repeat(8))
                .minDisk(random.nextInt(40))
                .minRam(random.nextInt(4096))
                .tags(List.of("tag-" + random.nextInt(10), "tag-" + (10 + random.nextInt(10)), "bench"))
                .properties(Map.of(
                        "os_distro",
                        random.nextBoolean() ? "ubuntu" : "debian",
                        "os_version",
                        Integer.toString(random.nextInt(30)),
                        "hw_disk_bus",
                        "virtio",
                        "description",
                        "an image for benchmarking number " + n))
                .build();
    }

    private static String project(int n) {
        return "project-" + (n % PROJECTS);
    }

    private static void measure(String label, JdbcRepositories repositories, int count) throws Exception {
        ImageRepository images = repositories.images();
        List<SortOrder> defaultOrder =
                List.of(new SortOrder(ImageField.CREATED_AT, false), new SortOrder(ImageField.ID, false));
        ImageQuery.Viewer admin = new ImageQuery.Viewer("project-0", true);
        ImageQuery.Viewer member = new ImageQuery.Viewer("project-7", false);
        Image marker = images.find(String.format("%08x-0000-4000-8000-%012d", count / 2, count / 2))
                .orElseThrow();

        Supplier<ImageQuery> firstPageAdmin = () -> new ImageQuery(
                admin,
                ImageQuery.VisibilityFilter.DEFAULT,
                MemberStatus.ACCEPTED,
                null,
                null,
                null,
                null,
                defaultOrder,
                null,
                25);
        Supplier<ImageQuery> firstPageMember = () -> new ImageQuery(
                member,
                ImageQuery.VisibilityFilter.DEFAULT,
                MemberStatus.ACCEPTED,
                null,
                null,
                null,
                null,
                defaultOrder,
                null,
                25);
        Supplier<ImageQuery> page1000 = () -> new ImageQuery(
                admin, ImageQuery.VisibilityFilter.ALL, null, null, null, null, null, defaultOrder, marker, 1000);
        Supplier<ImageQuery> page1000Member = () -> new ImageQuery(
                member,
                ImageQuery.VisibilityFilter.DEFAULT,
                MemberStatus.ACCEPTED,
                null,
                null,
                null,
                null,
                defaultOrder,
                marker,
                1000);

        System.out.println("== " + label);
        report("first page of 25, admin", medianMillis(images, firstPageAdmin, 300, 25));
        report("first page of 25, project member", medianMillis(images, firstPageMember, 300, 25));
        report("page of 1000 after a marker, admin", medianMillis(images, page1000, 40, 1000));
        report("page of 1000 after a marker, member", medianMillis(images, page1000Member, 40, 1000));

        int creates = 4000;
        AtomicInteger created = new AtomicInteger();
        long started = System.nanoTime();
        runConcurrently(CALLERS, () -> {
            for (int n = created.getAndIncrement(); n < creates; n = created.getAndIncrement()) {
                images.add(newImage(1_000_000 + n).toBuilder()
                        .createdAt(Instant.now())
                        .updatedAt(Instant.now())
                        .build());
            }
            return 0;
        });
        double createSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "create, %d callers: %,.0f images/s (%d in %.2f s)%n",
                CALLERS, creates / createSeconds, creates, createSeconds);

        int updates = 4000;
        AtomicInteger updated = new AtomicInteger();
        AtomicInteger stale = new AtomicInteger();
        started = System.nanoTime();
        runConcurrently(CALLERS, () -> {
            for (int n = updated.getAndIncrement(); n < updates; n = updated.getAndIncrement()) {
                int target = ThreadLocalRandom.current().nextInt(count / 2);
                String id = String.format("%08x-0000-4000-8000-%012d", target, target);
                while (true) {
                    Image current = images.find(id).orElseThrow();
                    try {
                        images.update(current.toBuilder()
                                .updatedAt(Instant.now())
                                .minRam(current.minRam() + 1)
                                .property("os_version", Integer.toString(n))
                                .build());
                        break;
                    } catch (StaleRevisionException e) {
                        stale.incrementAndGet();
                    }
                }
            }
            return 0;
        });
        double updateSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "update (find + update), %d callers: %,.0f updates/s (%d in %.2f s, %d stale retries)%n",
                CALLERS, updates / updateSeconds, updates, updateSeconds, stale.get());
    }

    private static double[] medianMillis(ImageRepository images, Supplier<ImageQuery> query, int runs, int expected) {
        for (int k = 0; k < 20; k++) {
            images.list(query.get());
        }
        double[] millis = new double[runs];
        for (int k = 0; k < runs; k++) {
            long started = System.nanoTime();
            List<Image> page = images.list(query.get());
            millis[k] = (System.nanoTime() - started) / 1e6;
            if (page.size() != expected) {
                throw new IllegalStateException("expected " + expected + " images, got " + page.size());
            }
        }
        Arrays.sort(millis);
        return millis;
    }

    private static void report(String what, double[] sortedMillis) {
        System.out.printf(
                "%s: median %.2f ms, p90 %.2f ms%n",
                what, sortedMillis[sortedMillis.length / 2], sortedMillis[(int) (sortedMillis.length * 0.9)]);
    }

    private static void runConcurrently(int threads, java.util.concurrent.Callable<Integer> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(task));
            }
            for (Future<Integer> future : futures) {
                future.get(30, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
