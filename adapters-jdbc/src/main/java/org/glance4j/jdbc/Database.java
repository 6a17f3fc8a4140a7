package org.glance4j.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Cancellation;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The connections to one database and the way transactions run on them.
 *
 * <p>PostgreSQL: one pool of {@code maxConnections} for readers and writers; reads run in REPEATABLE READ so that
 * an image, its tags and its properties come from one snapshot.
 *
 * <p>SQLite: one file in WAL mode. Readers share a pool of {@code maxConnections}; every write goes through one
 * dedicated connection, queued by a {@link GroupCommitWriter} inside the JVM and run in {@code BEGIN IMMEDIATE}
 * transactions, so writers of this process never meet {@code SQLITE_BUSY}, several writes share one durable
 * commit, and a writer in another process (a CLI beside the server) is waited for through the busy timeout.
 *
 * <p>MariaDB: one pool as with PostgreSQL, in strict SQL mode. Reads run in REPEATABLE READ (one InnoDB snapshot);
 * writes in READ COMMITTED, which takes no gap locks, so writers of different images do not block each other; the
 * revision check of an update reads the newest committed row. A write that InnoDB chose as a deadlock victim is run
 * again, as InnoDB asks of its clients.
 */
final class Database implements AutoCloseable {
    /** How long SQLite waits for a lock held by another process before giving up. */
    static final int SQLITE_BUSY_TIMEOUT_MILLIS = 30_000;

    private final Dialect dialect;
    private final HikariDataSource readPool;
    private final HikariDataSource writePool;
    private final Jdbi readers;
    private final Jdbi writers;
    private final GroupCommitWriter sqliteWriter;

    private Database(Dialect dialect, HikariDataSource readPool, HikariDataSource writePool) {
        this.dialect = dialect;
        this.readPool = readPool;
        this.writePool = writePool;
        this.readers = Jdbi.create(readPool);
        this.writers = writePool == readPool ? readers : Jdbi.create(writePool);
        this.sqliteWriter = dialect == Dialect.SQLITE ? new GroupCommitWriter(writers, "glance4j-sqlite-writer") : null;
    }

    static Database open(JdbcSettings settings) {
        Dialect dialect = Dialect.of(settings.jdbcUrl());
        if (dialect == Dialect.SQLITE) {
            HikariDataSource writePool = pool("glance4j-sqlite-writer", sqlite(settings.jdbcUrl(), true), 1);
            try {
                HikariDataSource readPool =
                        pool("glance4j-sqlite-readers", sqlite(settings.jdbcUrl(), false), settings.maxConnections());
                return new Database(dialect, readPool, writePool);
            } catch (RuntimeException e) {
                writePool.close();
                throw e;
            }
        }
        if (dialect == Dialect.MARIADB) {
            HikariDataSource pool = new HikariDataSource(mariadb(settings));
            return new Database(dialect, pool, pool);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("glance4j-postgresql");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxConnections());
        config.setMinimumIdle(Math.min(2, settings.maxConnections()));
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        // Every session starts with these. No JIT compilation: it pays off for long analytical queries, while the
        // API's statements are short, and compiling one whose estimate crosses jit_above_cost (a list that finds
        // few visible images among a million) costs more than running it.
        String options = "-c jit=off";
        if (!settings.statementTimeout().isZero()) {
            // So that no statement of the API can run longer, whatever the query.
            options += " -c statement_timeout=" + settings.statementTimeout().toMillis();
        }
        config.addDataSourceProperty("options", options);
        HikariDataSource pool = new HikariDataSource(config);
        return new Database(dialect, pool, pool);
    }

    /** Strict: a value that does not fit is refused, never cut or changed. */
    static final String MARIADB_SQL_MODE =
            "STRICT_ALL_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION," + "NO_ZERO_DATE,NO_ZERO_IN_DATE";

    private static HikariConfig mariadb(JdbcSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("glance4j-mariadb");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxConnections());
        config.setMinimumIdle(Math.min(2, settings.maxConnections()));
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        // Every session starts with them, whatever the server's defaults; max_statement_time (seconds) stops any
        // statement of the API that runs longer.
        config.setConnectionInitSql("SET SESSION sql_mode = '" + MARIADB_SQL_MODE + "', max_statement_time = "
                + settings.statementTimeout().toMillis() / 1000.0);
        return config;
    }

    private static DataSource sqlite(String jdbcUrl, boolean writer) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        config.setCacheSize(-16_000); // 16 MB of page cache per connection
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        if (writer) {
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        }
        // Pragmas in the URL (jdbc:sqlite:/path?synchronous=NORMAL) override these defaults.
        Properties properties = config.toProperties();
        int query = jdbcUrl.indexOf('?');
        String url = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        if (query >= 0) {
            for (String pair : jdbcUrl.substring(query + 1).split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    properties.setProperty(pair.substring(0, equals), pair.substring(equals + 1));
                }
            }
        }
        SQLiteDataSource dataSource = new SQLiteDataSource(new SQLiteConfig(properties));
        dataSource.setUrl(url);
        return dataSource;
    }

    /**
     * Runs {@code open} (opening a SQLite file and migrating its schema) again while the file is being set up by
     * another opener. The first connection to a fresh file turns it to WAL, which needs the file to itself: SQLite
     * then answers BUSY at once instead of waiting out the busy timeout, and openers racing through the change from
     * the rollback journal to the WAL meet its transient errors (a journal another opener already deleted, a WAL
     * lock protocol error). Nothing is stored by a failed attempt, so trying again is safe. Gives up after
     * {@link #SQLITE_BUSY_TIMEOUT_MILLIS}, as a writer waiting for a lock does.
     */
    static <T> T whileSettingUp(java.util.function.Supplier<T> open) {
        long deadline =
                System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(SQLITE_BUSY_TIMEOUT_MILLIS);
        long pause = 10;
        while (true) {
            try {
                return open.get();
            } catch (RuntimeException e) {
                if (!isSettingUp(e) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a busy SQLite file", interrupted);
            }
            pause = Math.min(pause * 2, 200);
        }
    }

    private static boolean isSettingUp(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.sqlite.SQLiteException sqlite && SETTING_UP.contains(sqlite.getResultCode())) {
                return true;
            }
        }
        return false;
    }

    /** The answers of a SQLite file that another opener is turning to WAL at the same moment. */
    private static final java.util.Set<org.sqlite.SQLiteErrorCode> SETTING_UP = java.util.EnumSet.of(
            org.sqlite.SQLiteErrorCode.SQLITE_BUSY, org.sqlite.SQLiteErrorCode.SQLITE_LOCKED,
            org.sqlite.SQLiteErrorCode.SQLITE_PROTOCOL, org.sqlite.SQLiteErrorCode.SQLITE_IOERR_DELETE_NOENT);

    private static HikariDataSource pool(String name, DataSource dataSource, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setDataSource(dataSource);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setMaxLifetime(0); // a SQLite connection never goes stale
        return new HikariDataSource(config);
    }

    Dialect dialect() {
        return dialect;
    }

    /** Runs {@code work} in a read transaction that sees one consistent snapshot. */
    <T> T read(HandleCallback<T, RuntimeException> work) {
        return read(Cancellation.never(), work);
    }

    /**
     * Runs {@code work} in a read transaction that sees one consistent snapshot; when {@code cancellation} fires
     * meanwhile, the statement running on PostgreSQL is cancelled (and {@code work} fails), on SQLite the running
     * statement is interrupted. A request already cancelled does not start.
     */
    <T> T read(Cancellation cancellation, HandleCallback<T, RuntimeException> work) {
        if (cancellation.isCancelled()) {
            throw cancelled(null);
        }
        if (dialect == Dialect.POSTGRESQL || dialect == Dialect.MARIADB) {
            // Set inside the transaction: one statement, sent with BEGIN, instead of changing the session twice.
            // (MariaDB: the statement sets the transaction that the first read starts.)
            return readers.inTransaction(handle -> {
                try (Cancellation.Registration ignored = cancellation.onCancel(cancelRunningStatement(handle))) {
                    handle.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                    // A cancel request that reaches an idle session is dropped: look once more before the work.
                    if (cancellation.isCancelled()) {
                        throw cancelled(null);
                    }
                    return work.withHandle(handle);
                }
            });
        }
        return readers.inTransaction(handle -> {
            try (Cancellation.Registration ignored = cancellation.onCancel(cancelRunningStatement(handle))) {
                return work.withHandle(handle);
            }
        });
    }

    /**
     * Runs {@code work}, which issues exactly one statement, as {@link #read(Cancellation, HandleCallback)} does but
     * without a transaction around it on PostgreSQL and MariaDB: one statement sees one consistent snapshot by itself,
     * and the server is spared the round trips of BEGIN, SET TRANSACTION and COMMIT.
     */
    <T> T readOneStatement(Cancellation cancellation, HandleCallback<T, RuntimeException> work) {
        if (dialect == Dialect.SQLITE) {
            return read(cancellation, work);
        }
        if (cancellation.isCancelled()) {
            throw cancelled(null);
        }
        return readers.withHandle(handle -> {
            try (Cancellation.Registration ignored = cancellation.onCancel(cancelRunningStatement(handle))) {
                // A cancel request that reaches an idle session is dropped: look once more before the work.
                if (cancellation.isCancelled()) {
                    throw cancelled(null);
                }
                return work.withHandle(handle);
            }
        });
    }

    /**
     * How to stop what runs on the handle's connection: PostgreSQL's cancel request (the driver waits until the
     * server has passed it to the backend, so once the registration is closed no cancel can reach the connection's
     * next user), MariaDB's {@code KILL QUERY} sent on a connection of its own (the driver returns once the server
     * has flagged the statement), SQLite's interrupt.
     */
    private Runnable cancelRunningStatement(org.jdbi.v3.core.Handle handle) {
        java.sql.Connection connection = handle.getConnection();
        return () -> {
            try {
                if (dialect == Dialect.POSTGRESQL) {
                    connection.unwrap(org.postgresql.PGConnection.class).cancelQuery();
                } else if (dialect == Dialect.MARIADB) {
                    connection.unwrap(org.mariadb.jdbc.Connection.class).cancelCurrentQuery();
                } else {
                    connection
                            .unwrap(org.sqlite.SQLiteConnection.class)
                            .getDatabase()
                            .interrupt();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not cancel the running statement", e);
            }
        };
    }

    /**
     * Runs {@code work} in a write transaction: its changes are committed when it returns and undone when it throws.
     * {@code work} must not start another write.
     */
    <T> T write(HandleCallback<T, RuntimeException> work) {
        if (sqliteWriter != null) {
            return sqliteWriter.write(work);
        }
        if (dialect == Dialect.MARIADB) {
            return retryingDeadlocks(work);
        }
        return writers.inTransaction(work);
    }

    /**
     * Runs {@code work}, which issues exactly one statement, as {@link #write} does. On PostgreSQL the statement runs
     * in autocommit, where it is a transaction of its own: all of it is committed, durably, before it returns, or
     * none of it; the server is spared the round trip of a separate COMMIT.
     */
    <T> T writeOneStatement(HandleCallback<T, RuntimeException> work) {
        if (dialect == Dialect.POSTGRESQL) {
            return writers.withHandle(work);
        }
        return write(work);
    }

    /**
     * Runs one statement with {@code values} bound in order, in a write transaction of its own; the rows it changed.
     *
     * @throws GlanceException unavailable when the database fails (see {@link #unavailable})
     */
    int update(String sql, Object... values) {
        try {
            return write(handle -> {
                var update = handle.createUpdate(sql);
                for (int i = 0; i < values.length; i++) {
                    update.bind(i, values[i]);
                }
                return update.execute();
            });
        } catch (JdbiException e) {
            throw unavailable(e);
        }
    }

    /** How often a MariaDB write chosen as a deadlock victim runs in all. */
    static final int MARIADB_DEADLOCK_ATTEMPTS = 5;

    /** InnoDB rolled the whole transaction back: running it again is safe and the expected answer. */
    private <T> T retryingDeadlocks(HandleCallback<T, RuntimeException> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return writers.inTransaction(work);
            } catch (RuntimeException e) {
                SQLException sql = sqlCause(e);
                if (attempt >= MARIADB_DEADLOCK_ATTEMPTS || sql == null || sql.getErrorCode() != ER_LOCK_DEADLOCK) {
                    throw e;
                }
            }
        }
    }

    /** Whether {@code failure} was caused by a unique or primary key violation. */
    boolean isUniqueViolation(Throwable failure) {
        SQLException sql = sqlCause(failure);
        return sql != null && dialect.isUniqueViolation(sql);
    }

    /** Whether {@code failure} was caused by a foreign key violation. */
    boolean isForeignKeyViolation(Throwable failure) {
        SQLException sql = sqlCause(failure);
        return sql != null && dialect.isForeignKeyViolation(sql);
    }

    /** What a client reads when the database cannot serve its request; the driver's words go to the log. */
    static final String UNAVAILABLE_MESSAGE = "The image database cannot serve the request now; try again later.";
    /** What a client reads when the database refuses a value of its request (a PostgreSQL data exception). */
    static final String UNSTORABLE_MESSAGE = "The request holds a value that the image database cannot store.";

    /**
     * The failure as the ports report it, in the API's words, with the driver's exception as the cause (which the
     * HTTP adapter logs with the request id, never shows): a value the database refuses (SQL state class 22, e.g.
     * a NUL character in PostgreSQL text, a text too long for a MariaDB column, a number out of its range) is the
     * request's fault; a statement stopped by the statement timeout or by a cancel (PostgreSQL's 57014, MariaDB's
     * 70100) says so; anything else means the database cannot serve the request now.
     */
    static GlanceException unavailable(RuntimeException failure) {
        if (failure instanceof GlanceException glance) {
            return glance;
        }
        SQLException sql = sqlCause(failure);
        String state = sql == null ? null : sql.getSQLState();
        if (QUERY_CANCELED.equals(state)) {
            return String.valueOf(sql.getMessage()).contains("statement timeout")
                    ? timedOut(failure)
                    : cancelled(failure);
        }
        if (MARIADB_INTERRUPTED.equals(state) || sql != null && sql.getErrorCode() == ER_STATEMENT_TIMEOUT) {
            return sql.getErrorCode() == ER_STATEMENT_TIMEOUT ? timedOut(failure) : cancelled(failure);
        }
        if (state != null && state.startsWith("22")) {
            return new GlanceException(ErrorCategory.INVALID, UNSTORABLE_MESSAGE, failure);
        }
        return GlanceException.unavailable(UNAVAILABLE_MESSAGE, failure);
    }

    /** PostgreSQL's state for a statement stopped by its timeout or by a cancel request. */
    private static final String QUERY_CANCELED = "57014";
    /** MariaDB's state for a statement stopped by {@code max_statement_time} or by {@code KILL QUERY}. */
    private static final String MARIADB_INTERRUPTED = "70100";
    /** MariaDB's error number for a statement stopped by {@code max_statement_time}. */
    static final int ER_STATEMENT_TIMEOUT = 1969;
    /** MariaDB's error number for a transaction rolled back to break a deadlock. */
    static final int ER_LOCK_DEADLOCK = 1213;

    private static GlanceException timedOut(RuntimeException failure) {
        return GlanceException.unavailable(
                "The image database did not answer in time: the request was stopped"
                        + " after the statement timeout. Narrow the request (fewer filters, a smaller limit) or try again"
                        + " later.",
                failure);
    }

    private static GlanceException cancelled(RuntimeException failure) {
        return GlanceException.unavailable("The request was cancelled: the client went away.", failure);
    }

    private static SQLException sqlCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /** Live views of the connection pools (one, or the reader and writer pools of SQLite). */
    java.util.List<PoolStatus> pools() {
        return writePool == readPool
                ? java.util.List.of(status(readPool))
                : java.util.List.of(status(readPool), status(writePool));
    }

    private static PoolStatus status(HikariDataSource pool) {
        return new PoolStatus() {
            @Override
            public String name() {
                return pool.getPoolName();
            }

            @Override
            public int active() {
                return pool.getHikariPoolMXBean() == null
                        ? 0
                        : pool.getHikariPoolMXBean().getActiveConnections();
            }

            @Override
            public int idle() {
                return pool.getHikariPoolMXBean() == null
                        ? 0
                        : pool.getHikariPoolMXBean().getIdleConnections();
            }

            @Override
            public int total() {
                return pool.getHikariPoolMXBean() == null
                        ? 0
                        : pool.getHikariPoolMXBean().getTotalConnections();
            }

            @Override
            public int waiting() {
                return pool.getHikariPoolMXBean() == null
                        ? 0
                        : pool.getHikariPoolMXBean().getThreadsAwaitingConnection();
            }

            @Override
            public int maximum() {
                return pool.getMaximumPoolSize();
            }
        };
    }

    /** Tells {@code timer} about every statement run from now on, through either pool. */
    void timeStatements(StatementTimer timer) {
        org.jdbi.v3.core.statement.SqlLogger logger = new org.jdbi.v3.core.statement.SqlLogger() {
            @Override
            public void logAfterExecution(org.jdbi.v3.core.statement.StatementContext context) {
                timer.executed(context.getElapsedTime(java.time.temporal.ChronoUnit.NANOS), false);
            }

            @Override
            public void logException(
                    org.jdbi.v3.core.statement.StatementContext context, java.sql.SQLException exception) {
                timer.executed(context.getElapsedTime(java.time.temporal.ChronoUnit.NANOS), true);
            }
        };
        readers.setSqlLogger(logger);
        if (writers != readers) {
            writers.setSqlLogger(logger);
        }
    }

    @Override
    public void close() {
        if (sqliteWriter != null) {
            sqliteWriter.close();
        }
        readPool.close();
        if (writePool != readPool) {
            writePool.close();
        }
    }
}
