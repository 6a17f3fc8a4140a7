package org.glance4j.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageQuery;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.MemberStatus;
import org.glance4j.ports.model.Visibility;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Not a test: seeds a few thousand images (each with a dozen properties; a handful carry {@code p0..p899}) and
 * reports, for 10, 100, 400 and 900 custom property filters {@code pN=v}, the plan and execution time of the list
 * query: PostgreSQL's {@code EXPLAIN ANALYZE} planning and execution times, SQLite's wall time (median of 3).
 * A run gives up on one case after the statement timeout given (seconds, default 120). Run with the test class path:
 *
 * <pre>
 * java -cp ... org.glance4j.jdbc.ListFilterBenchmark postgres|sqlite [images] [timeoutSeconds] [counts...]
 * </pre>
 */
public final class ListFilterBenchmark {
    private static final Instant BASE = Instant.parse("2025-01-01T00:00:00Z");
    private static final int MATCHING = 5;
    private static final int WIDE = 900;

    private ListFilterBenchmark() {}

    public static void main(String[] args) throws Exception {
        String backend = args.length > 0 ? args[0] : "sqlite";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        int timeoutSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 120;
        int[] filterCounts = args.length > 3
                ? Arrays.stream(args, 3, args.length)
                        .mapToInt(Integer::parseInt)
                        .toArray()
                : new int[] {10, 100, 400, 900};
        if (backend.equals("postgres")) {
            try (PostgresServer server = PostgresServer.start()) {
                JdbcSettings settings = server.newDatabase(4);
                try (JdbcRepositories repositories = JdbcRepositories.open(settings)) {
                    seed(repositories, count);
                }
                Jdbi jdbi = Jdbi.create(settings.jdbcUrl(), settings.user(), settings.password());
                jdbi.useHandle(h -> h.execute("ANALYZE"));
                for (int filters : filterCounts) {
                    explainPostgres(jdbi, filters, timeoutSeconds);
                }
            }
            return;
        }
        Path directory = Files.createTempDirectory("glance4j-filter-bench-");
        JdbcSettings settings = JdbcSettings.sqlite(directory.resolve("glance.sqlite"), 4);
        try (JdbcRepositories repositories = JdbcRepositories.open(settings)) {
            seed(repositories, count);
        }
        Jdbi jdbi = Jdbi.create(settings.jdbcUrl());
        jdbi.useHandle(h -> h.execute("ANALYZE"));
        for (int filters : filterCounts) {
            timeSqlite(jdbi, filters);
        }
    }

    private static void seed(JdbcRepositories repositories, int count) {
        long started = System.nanoTime();
        for (int n = 0; n < count; n++) {
            Map<String, String> properties = new LinkedHashMap<>();
            for (int k = 0; k < 12; k++) {
                properties.put("p" + ((n + k) % 40), n % 7 == 0 ? "v" : "w" + k);
            }
            if (n % (count / MATCHING) == 0) {
                for (int k = 0; k < WIDE; k++) {
                    properties.put("p" + k, "v");
                }
            }
            repositories
                    .images()
                    .add(Image.builder(String.format("%08x-0000-4000-8000-%012d", n, n), BASE.plusMillis(n))
                            .name("image-" + n)
                            .status(ImageStatus.ACTIVE)
                            .visibility(Visibility.PUBLIC)
                            .owner("project-" + (n % 50))
                            .containerFormat("bare")
                            .diskFormat("raw")
                            .properties(properties)
                            .build());
        }
        System.out.printf("seeded %,d images in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
    }

    static ImageQuery query(int filters) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int k = 0; k < filters; k++) {
            wanted.put("p" + k, "v");
        }
        return new ImageQuery(
                new ImageQuery.Viewer("project-1", false),
                ImageQuery.VisibilityFilter.DEFAULT,
                MemberStatus.ACCEPTED,
                null,
                ImageQuery.propertyEquals(wanted),
                null,
                false,
                null,
                null,
                25);
    }

    private static void explainPostgres(Jdbi jdbi, int filters, int timeoutSeconds) {
        ImageListSql statement = ImageListSql.of(query(filters), Dialect.POSTGRESQL);
        jdbi.useHandle(handle -> {
            handle.execute("SET statement_timeout = " + timeoutSeconds * 1000);
            Query explain = handle.createQuery("EXPLAIN (ANALYZE) " + statement.sql());
            bind(explain, statement.arguments());
            long started = System.nanoTime();
            try {
                List<String> plan = explain.mapTo(String.class).list();
                double wall = (System.nanoTime() - started) / 1e6;
                List<String> summary = new ArrayList<>();
                for (String line : plan) {
                    if (line.startsWith("Planning Time") || line.startsWith("Execution Time")) {
                        summary.add(line);
                    }
                }
                System.out.printf(
                        "postgresql %4d filters: %s, wall %.1f ms, plan of %d lines%n",
                        filters, String.join(", ", summary), wall, plan.size());
                if (System.getenv("SHOW_PLAN") != null) {
                    plan.forEach(line -> System.out.println("    " + line));
                }
            } catch (RuntimeException e) {
                System.out.printf(
                        "postgresql %4d filters: gave up after %.0f s (%s)%n",
                        filters,
                        (System.nanoTime() - started) / 1e9,
                        e.getClass().getSimpleName());
            }
        });
    }

    private static void timeSqlite(Jdbi jdbi, int filters) {
        ImageListSql statement = ImageListSql.of(query(filters), Dialect.SQLITE);
        double[] millis = new double[3];
        int[] found = new int[1];
        for (int run = 0; run < millis.length; run++) {
            long started = System.nanoTime();
            jdbi.useHandle(handle -> {
                Query select = handle.createQuery(statement.sql());
                bind(select, statement.arguments());
                found[0] = select.mapToMap().list().size();
            });
            millis[run] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf("sqlite     %4d filters: median %.1f ms (%d images)%n", filters, millis[1], found[0]);
    }

    private static void bind(Query query, List<Object> arguments) {
        for (int k = 0; k < arguments.size(); k++) {
            query.bind(k, arguments.get(k));
        }
    }
}
