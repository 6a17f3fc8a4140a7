package org.glance4j.jdbc;

import java.util.Optional;
import org.glance4j.ports.out.ImageMemberRepository;
import org.glance4j.ports.out.ImageRepository;
import org.glance4j.ports.out.ImageVerificationRepository;
import org.glance4j.ports.out.NodeLeases;
import org.glance4j.ports.out.SharedNodeSettings;
import org.glance4j.ports.out.TaskRepository;
import org.glance4j.ports.out.cache.CachedImageRecords;
import org.glance4j.ports.out.metadef.MetadefRepository;
import org.glance4j.ports.out.tus.TusUploadRepository;

/**
 * The image and membership repositories over one SQLite file or one PostgreSQL or MariaDB database, sharing one
 * connection pool. {@link #open} brings the schema up to date before anything else touches it.
 *
 * <pre>{@code
 * try (JdbcRepositories db = JdbcRepositories.open(new JdbcSettings("jdbc:sqlite:/var/lib/glance4j/glance.sqlite",
 *         null, null, 8))) {
 *     ImageRepository images = db.images();
 * }
 * }</pre>
 */
public final class JdbcRepositories implements AutoCloseable {
    private final Database database;
    private final ImageRepository images;
    private final ImageMemberRepository members;
    private final MetadefRepository metadefs;
    private final int schemaVersion;
    private final TaskRepository tasks;
    private final NodeLeases leases;
    private final SharedNodeSettings sharedSettings;
    private final CachedImageRecords cacheRecords;
    private final ImageVerificationRepository verifications;
    private final TusUploadRepository tusUploads;

    private JdbcRepositories(Database database, int schemaVersion) {
        this.database = database;
        this.schemaVersion = schemaVersion;
        this.images = new JdbcImageRepository(database);
        this.members = new JdbcImageMemberRepository(database);
        this.metadefs = new JdbcMetadefRepository(database);
        this.tasks = new JdbcTaskRepository(database);
        this.leases = new JdbcNodeLeases(database);
        this.sharedSettings = new JdbcSharedNodeSettings(database);
        this.cacheRecords = new JdbcCachedImageRecords(database);
        this.verifications = new JdbcImageVerificationRepository(database);
        this.tusUploads = new JdbcTusUploadRepository(database);
    }

    /**
     * Connects, migrates the schema to the newest version (safe when several processes do it at once) and returns
     * the repositories.
     *
     * @throws IllegalArgumentException when the URL names none of SQLite, PostgreSQL and MariaDB
     * @throws IllegalStateException    when the database holds no glance4j schema but tables glance4j would create,
     *                                  such as OpenStack Glance's own database: nothing is changed in it, and the
     *                                  message says so in one line
     * @throws RuntimeException         when the database cannot be reached or migrated
     */
    public static JdbcRepositories open(JdbcSettings settings) {
        ForeignSchemaGuard.check(settings);
        if (Dialect.of(settings.jdbcUrl()) == Dialect.SQLITE) {
            return Database.whileSettingUp(() -> openAndMigrate(settings));
        }
        return openAndMigrate(settings);
    }

    /**
     * Opens a database that already holds glance4j's newest schema, changing nothing in it (no migration, no
     * file created): for a caller that only wants to read what is there, such as a dry run.
     *
     * @return empty when there is nothing to read: a SQLite file that does not exist, a database without
     *         glance4j's schema, or one whose schema would first have to be migrated
     * @throws IllegalStateException when the database holds OpenStack Glance's own tables (as {@link #open})
     * @throws RuntimeException      when the database cannot be reached
     */
    public static Optional<JdbcRepositories> openIfCurrent(JdbcSettings settings) {
        if (Dialect.of(settings.jdbcUrl()) == Dialect.SQLITE
                && ForeignSchemaGuard.sqliteFile(settings.jdbcUrl()) == null) {
            return Optional.empty();
        }
        ForeignSchemaGuard.check(settings);
        Database database = Database.open(settings);
        try {
            if (!new SchemaMigrator(database).isCurrent()) {
                database.close();
                return Optional.empty();
            }
            return Optional.of(new JdbcRepositories(
                    database,
                    SchemaMigrator.MIGRATIONS
                            .get(SchemaMigrator.MIGRATIONS.size() - 1)
                            .version()));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static JdbcRepositories openAndMigrate(JdbcSettings settings) {
        Database database = Database.open(settings);
        try {
            int version = new SchemaMigrator(database).migrate();
            return new JdbcRepositories(database, version);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public ImageRepository images() {
        return images;
    }

    public ImageMemberRepository members() {
        return members;
    }

    /** The metadata definitions catalog, in the same database. */
    public MetadefRepository metadefs() {
        return metadefs;
    }

    /** The task records (image imports). */
    public TaskRepository tasks() {
        return tasks;
    }

    /** The configuration the server nodes sharing this database must agree on. */
    public SharedNodeSettings sharedSettings() {
        return sharedSettings;
    }

    /** The leases of the server nodes sharing this database. */
    public NodeLeases leases() {
        return leases;
    }

    /** The image cache records of the server nodes sharing this database. */
    public CachedImageRecords cacheRecords() {
        return cacheRecords;
    }

    /** The last verification result of each stored copy of an image. */
    public ImageVerificationRepository verifications() {
        return verifications;
    }

    /** The records of resumable (tus) uploads. */
    public TusUploadRepository tusUploads() {
        return tusUploads;
    }

    /** The schema version in force after {@link #open}. */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** Live views of the connection pools, for metrics. */
    public java.util.List<PoolStatus> pools() {
        return database.pools();
    }

    /** Tells {@code timer} how long each SQL statement takes from now on; the last timer given wins. */
    public void timeStatements(StatementTimer timer) {
        database.timeStatements(timer);
    }

    /** Closes every connection. The repositories must not be used afterwards. */
    @Override
    public void close() {
        database.close();
    }
}
