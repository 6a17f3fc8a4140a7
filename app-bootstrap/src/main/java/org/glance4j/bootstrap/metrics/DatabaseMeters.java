package org.glance4j.bootstrap.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.glance4j.jdbc.JdbcRepositories;
import org.glance4j.jdbc.PoolStatus;

/**
 * The database meters: {@code glance4j_db_pool_connections} by pool and state (active, idle, total, waiting for
 * one, maximum) and {@code glance4j_db_statements_seconds} by outcome.
 */
final class DatabaseMeters {

    private DatabaseMeters() {}

    static void bind(JdbcRepositories repositories, MeterRegistry registry) {
        for (PoolStatus pool : repositories.pools()) {
            gauge(registry, pool, "active", pool::active);
            gauge(registry, pool, "idle", pool::idle);
            gauge(registry, pool, "total", pool::total);
            gauge(registry, pool, "waiting", pool::waiting);
            gauge(registry, pool, "maximum", pool::maximum);
        }
        Timer succeeded = Timer.builder("glance4j.db.statements")
                .description("SQL statements run")
                .tag("outcome", "success")
                .register(registry);
        Timer failed = Timer.builder("glance4j.db.statements")
                .description("SQL statements run")
                .tag("outcome", "error")
                .register(registry);
        repositories.timeStatements((nanos, error) -> (error ? failed : succeeded).record(nanos, TimeUnit.NANOSECONDS));
    }

    private static void gauge(
            MeterRegistry registry, PoolStatus pool, String state, java.util.function.IntSupplier value) {
        Gauge.builder("glance4j.db.pool.connections", value, v -> v.getAsInt())
                .description("Database connections by pool and state")
                .tag("pool", pool.name())
                .tag("state", state)
                .strongReference(true)
                .register(registry);
    }
}
