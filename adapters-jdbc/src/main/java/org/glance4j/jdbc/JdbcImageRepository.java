package org.glance4j.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.error.StaleRevisionException;
import org.glance4j.ports.model.BulkAddResult;
import org.glance4j.ports.model.Cancellation;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageQuery;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.ImageWithMembers;
import org.glance4j.ports.model.ProjectImageUsage;
import org.glance4j.ports.out.ImageRepository;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.Update;

/**
 * Images in the {@code images}, {@code image_tags} and {@code image_properties} tables. Every call is one
 * transaction. On PostgreSQL a create and an update are one statement each, and an image or a page of images is read
 * with its tags and properties in one statement; elsewhere a page loads its tags and properties with one more query.
 */
final class JdbcImageRepository implements ImageRepository {
    static final String INSERT = "INSERT INTO images (id, name, status, visibility, protected, os_hidden,"
            + " checksum, os_hash_algo, os_hash_value, owner, size, virtual_size, container_format, disk_format,"
            + " min_disk, min_ram, created_at, updated_at, deleted_at, revision, locations)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_TAG = "INSERT INTO image_tags (image_id, value, position) VALUES (?, ?, ?)";
    static final String INSERT_PROPERTY = "INSERT INTO image_properties (image_id, name, value) VALUES (?, ?, ?)";
    private static final String UPDATE = "UPDATE images SET name = ?, status = ?, visibility = ?, protected = ?,"
            + " os_hidden = ?, checksum = ?, os_hash_algo = ?, os_hash_value = ?, owner = ?, size = ?,"
            + " virtual_size = ?, container_format = ?, disk_format = ?, min_disk = ?, min_ram = ?, created_at = ?,"
            + " updated_at = ?, deleted_at = ?, revision = ?, locations = ? WHERE id = ? AND revision = ?";

    /**
     * PostgreSQL: {@link #UPDATE} with WITH clauses that bring the tags and properties to the wanted ones; see
     * {@link #updateInOneStatement}. Every clause reaches {@code image_tags} and {@code image_properties} through their
     * keys, by the updated image's id (an init-plan, evaluated once) and the arbiter index of {@code ON CONFLICT}, never
     * through a join that PostgreSQL could choose to run by reading the whole table: a sub-select that looked for the
     * stored rows was planned as a hash anti-join over all of {@code image_properties} (PostgreSQL guesses 100 rows for
     * the wanted ones), 26 ms a PATCH at 22,000 properties.
     */
    static final String UPDATE_IN_ONE_STATEMENT = "WITH updated AS (" + UPDATE + " RETURNING id),"
            + " wanted_tags AS (SELECT t.value, CAST(t.n - 1 AS INTEGER) AS position"
            + " FROM json_array_elements_text(CAST(? AS json)) WITH ORDINALITY AS t (value, n)),"
            + " dropped_tags AS (DELETE FROM image_tags o WHERE o.image_id = (SELECT id FROM updated)"
            + " AND o.value NOT IN (SELECT value FROM wanted_tags)),"
            + " set_tags AS (INSERT INTO image_tags (image_id, value, position)"
            + " SELECT u.id, w.value, w.position FROM updated u, wanted_tags w"
            + " ON CONFLICT (image_id, value) DO UPDATE SET position = EXCLUDED.position"
            + " WHERE image_tags.position IS DISTINCT FROM EXCLUDED.position),"
            + " wanted_properties AS (SELECT p.key, p.value FROM json_each_text(CAST(? AS json)) AS p),"
            + " dropped_properties AS (DELETE FROM image_properties o WHERE o.image_id = (SELECT id FROM updated)"
            + " AND o.name NOT IN (SELECT key FROM wanted_properties)),"
            + " set_properties AS (INSERT INTO image_properties (image_id, name, value)"
            + " SELECT u.id, w.key, w.value FROM updated u, wanted_properties w"
            + " ON CONFLICT (image_id, name) DO UPDATE SET value = EXCLUDED.value"
            + " WHERE image_properties.value IS DISTINCT FROM EXCLUDED.value)"
            + " SELECT (SELECT COUNT(*) FROM updated), (SELECT revision FROM images WHERE id = ?)";

    private final Database database;
    private final BulkImageInsert bulkInsert;
    /** One image with its tags and properties, in one statement. */
    private final String selectOneWithExtras;
    /** {@link #usageOf} in one statement; see there. */
    private final String usageOfProject;

    JdbcImageRepository(Database database) {
        this.database = database;
        this.bulkInsert = new BulkImageInsert(database);
        this.selectOneWithExtras =
                "SELECT " + ImageColumns.selectListWithExtras(database.dialect()) + " FROM images i WHERE i.id = ?";
        this.usageOfProject = usageStatement(database.dialect());
    }

    /**
     * The four sums of {@link ProjectImageUsage} over the project's images: from {@code images_owner_idx}, with the
     * copy property joined (the key of {@code image_properties} makes it one row at most). The stored bytes come as
     * size times the number of strings in the locations column, three per location, and are divided in Java.
     * Parameters: the two moving statuses that stage, saving, the three moving statuses, the copy property's name, the
     * owner, and the three statuses that count for nothing.
     */
    private static String usageStatement(Dialect dialect) {
        return "SELECT COUNT(*),"
                + " COALESCE(SUM(COALESCE(i.size, 0) * COALESCE(" + dialect.jsonArrayLength("i.locations")
                + ", 0)), 0),"
                + " COALESCE(SUM(CASE WHEN i.status IN (?, ?) THEN COALESCE(i.size, 0) WHEN i.status = ? THEN 0"
                + " WHEN c.value <> '' THEN COALESCE(i.size, 0) ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN i.status IN (?, ?, ?) OR c.value <> '' THEN 1 ELSE 0 END), 0)"
                + " FROM images i LEFT JOIN image_properties c ON c.image_id = i.id AND c.name = ?"
                + " WHERE i.owner = ? AND i.status NOT IN (?, ?, ?)";
    }

    /** Binds every parameter of {@link #INSERT}. */
    static <S extends SqlStatement<S>> S bindImage(S insert, Image image) {
        insert.bind(0, image.id());
        return bindBaseFields(insert, image, 1)
                .bind(19, image.revision())
                .bind(20, ImageLocations.format(image.locations()));
    }

    @Override
    public void add(Image image) {
        Objects.requireNonNull(image, "image");
        try {
            if (database.dialect() == Dialect.POSTGRESQL) {
                database.writeOneStatement(handle -> insertInOneStatement(handle, image));
            } else {
                database.write(handle -> {
                    bindImage(handle.createUpdate(INSERT), image).execute();
                    insertTags(handle, image.id(), image.tags());
                    insertProperties(handle, image.id(), image.properties());
                    return null;
                });
            }
        } catch (JdbiException e) {
            if (database.isUniqueViolation(e)) {
                throw GlanceException.conflict("an image with id " + image.id()
                        + " already exists or existed: image ids are never reused, not even after deletion");
            }
            throw Database.unavailable(e);
        }
    }

    /**
     * PostgreSQL: the image, its tags and its properties in one statement (the tags and properties come as JSON
     * parameters and are inserted by data-modifying WITH clauses), so that a create costs the server one round trip
     * and one commit.
     */
    private static int insertInOneStatement(Handle handle, Image image) {
        StringBuilder sql = new StringBuilder("WITH image AS (").append(INSERT).append(" RETURNING id)");
        if (!image.tags().isEmpty()) {
            sql.append(", tags AS (INSERT INTO image_tags (image_id, value, position)"
                    + " SELECT image.id, t.value, CAST(t.n - 1 AS INTEGER)"
                    + " FROM image, json_array_elements_text(CAST(? AS json)) WITH ORDINALITY AS t (value, n))");
        }
        if (!image.properties().isEmpty()) {
            sql.append(", properties AS (INSERT INTO image_properties (image_id, name, value)"
                    + " SELECT image.id, p.key, p.value FROM image, json_each_text(CAST(? AS json)) AS p)");
        }
        sql.append(" SELECT COUNT(*) FROM image");
        Query insert = bindImage(handle.createQuery(sql.toString()), image);
        int k = 21;
        if (!image.tags().isEmpty()) {
            insert.bind(k++, JsonText.stringArray(image.tags()));
        }
        if (!image.properties().isEmpty()) {
            insert.bind(k, JsonText.stringObject(image.properties()));
        }
        return insert.mapTo(Integer.class).one();
    }

    @Override
    public BulkAddResult addAllAbsent(List<ImageWithMembers> batch) {
        return bulkInsert.addAllAbsent(batch);
    }

    @Override
    public Optional<Image> find(String id) {
        try {
            return database.readOneStatement(
                    Cancellation.never(),
                    handle -> handle.createQuery(selectOneWithExtras)
                            .bind(0, id)
                            .map((rs, ctx) -> ImageColumns.readWithExtras(rs))
                            .findOne());
        } catch (JdbiException e) {
            throw Database.unavailable(e);
        }
    }

    @Override
    public Image update(Image image) {
        Objects.requireNonNull(image, "image");
        long next = image.revision() + 1;
        try {
            if (database.dialect() == Dialect.POSTGRESQL) {
                return database.writeOneStatement(handle -> updateInOneStatement(handle, image, next));
            }
            return database.write(handle -> {
                Optional<Image> updated = updateThenReadExtras(handle, image, next);
                if (updated.isEmpty()) {
                    throw notUpdated(
                            image,
                            handle.createQuery("SELECT revision FROM images WHERE id = ?")
                                    .bind(0, image.id())
                                    .mapTo(Long.class)
                                    .findOne()
                                    .orElse(null));
                }
                Image stored = updated.get();
                if (!stored.tags().equals(image.tags())) {
                    handle.createUpdate("DELETE FROM image_tags WHERE image_id = ?")
                            .bind(0, image.id())
                            .execute();
                    insertTags(handle, image.id(), image.tags());
                }
                replaceChangedProperties(handle, image.id(), stored.properties(), image.properties());
                return image.toBuilder().revision(next).build();
            });
        } catch (JdbiException e) {
            throw Database.unavailable(e);
        }
    }

    /**
     * The base fields updated; the image with the tags and properties stored before this update (to compare with the
     * wanted ones), or empty when no image {@code image.id()} is at {@code image.revision()}.
     */
    private Optional<Image> updateThenReadExtras(Handle handle, Image image, long next) {
        Update update = handle.createUpdate(UPDATE);
        bindUpdate(update, image, next);
        if (update.execute() == 0) {
            return Optional.empty();
        }
        return Optional.of(PageExtras.complete(
                        handle,
                        database.dialect(),
                        List.of(image.toBuilder()
                                .tags(List.of())
                                .properties(Map.of())
                                .build()))
                .get(0));
    }

    /**
     * PostgreSQL: the update in one statement, in autocommit. Data-modifying WITH clauses, which act only when the row
     * was updated, delete the image's tags and properties that are no longer wanted and insert the wanted ones, changing
     * (through {@code ON CONFLICT}) only those whose stored value or position differs. When the revision matched, the
     * snapshot the statement started with holds the newest committed state of the image, since every change of tags or
     * properties also moves the revision. The statement returns whether the row was updated and the stored revision,
     * for the error when it was not.
     */
    private static Image updateInOneStatement(Handle handle, Image image, long next) {
        long[] outcome = bindUpdateInOneStatement(handle.createQuery(UPDATE_IN_ONE_STATEMENT), image, next)
                .map((rs, ctx) -> {
                    long updated = rs.getLong(1);
                    long stored = rs.getLong(2);
                    return new long[] {updated, rs.wasNull() ? -1 : stored};
                })
                .one();
        if (outcome[0] == 0) {
            throw notUpdated(image, outcome[1] < 0 ? null : outcome[1]);
        }
        return image.toBuilder().revision(next).build();
    }

    /** Binds every parameter of {@link #UPDATE_IN_ONE_STATEMENT}, alone or behind {@code EXPLAIN}. */
    static Query bindUpdateInOneStatement(Query update, Image image, long next) {
        bindUpdate(update, image, next);
        return update.bind(22, JsonText.stringArray(image.tags()))
                .bind(23, JsonText.stringObject(image.properties()))
                .bind(24, image.id());
    }

    /** Why no image {@code image.id()} was at {@code image.revision()}: none at all, or another revision. */
    private static GlanceException notUpdated(Image image, Long storedRevision) {
        if (storedRevision == null) {
            return GlanceException.notFound("no image with id " + image.id());
        }
        return new StaleRevisionException("image " + image.id() + " was changed by someone else: it is at"
                + " revision " + storedRevision + ", the update was based on revision " + image.revision());
    }

    private static <S extends SqlStatement<S>> void bindUpdate(S update, Image image, long next) {
        bindBaseFields(update, image, 0)
                .bind(18, next)
                .bind(19, ImageLocations.format(image.locations()))
                .bind(20, image.id())
                .bind(21, image.revision());
    }

    @Override
    public List<Image> list(ImageQuery query) {
        if (query.limit() == 0) {
            return List.of();
        }
        ImageListSql statement = ImageListSql.of(query, database.dialect());
        try {
            if (database.dialect().extrasInImageQueries()) {
                return database.readOneStatement(query.cancellation(), handle -> {
                    Query select = handle.createQuery(statement.sql());
                    List<Object> arguments = statement.arguments();
                    for (int k = 0; k < arguments.size(); k++) {
                        select.bind(k, arguments.get(k));
                    }
                    return select.map((rs, ctx) -> ImageColumns.readWithExtras(rs))
                            .list();
                });
            }
            return database.read(query.cancellation(), handle -> {
                Query select = handle.createQuery(statement.sql());
                List<Object> arguments = statement.arguments();
                for (int k = 0; k < arguments.size(); k++) {
                    select.bind(k, arguments.get(k));
                }
                List<Image> page =
                        select.map((rs, ctx) -> ImageColumns.read(rs)).list();
                return PageExtras.complete(handle, database.dialect(), page);
            });
        } catch (JdbiException e) {
            throw Database.unavailable(e);
        }
    }

    /** One statement of sums over the project's images, instead of reading them all. */
    @Override
    public ProjectImageUsage usageOf(String projectId) {
        try {
            return database.readOneStatement(
                    Cancellation.never(),
                    handle -> handle.createQuery(usageOfProject)
                            .bind(0, ImageStatus.UPLOADING.wireName())
                            .bind(1, ImageStatus.IMPORTING.wireName())
                            .bind(2, ImageStatus.SAVING.wireName())
                            .bind(3, ImageStatus.SAVING.wireName())
                            .bind(4, ImageStatus.UPLOADING.wireName())
                            .bind(5, ImageStatus.IMPORTING.wireName())
                            .bind(6, ProjectImageUsage.COPYING_PROPERTY)
                            .bind(7, projectId)
                            .bind(8, ImageStatus.KILLED.wireName())
                            .bind(9, ImageStatus.DELETED.wireName())
                            .bind(10, ImageStatus.PENDING_DELETE.wireName())
                            .map((rs, ctx) -> new ProjectImageUsage(
                                    rs.getLong(1),
                                    rs.getLong(2) / ImageLocations.STRINGS_PER_LOCATION,
                                    rs.getLong(3),
                                    rs.getLong(4)))
                            .one());
        } catch (JdbiException e) {
            throw Database.unavailable(e);
        }
    }

    /** Binds the 18 base fields other than id and revision to the parameters from {@code first} on. */
    private static <S extends SqlStatement<S>> S bindBaseFields(S statement, Image image, int first) {
        int k = first;
        statement.bind(k++, image.name());
        statement.bind(k++, image.status().wireName());
        statement.bind(k++, image.visibility().wireName());
        statement.bind(k++, image.isProtected());
        statement.bind(k++, image.osHidden());
        statement.bind(k++, image.checksum());
        statement.bind(k++, image.osHashAlgo());
        statement.bind(k++, image.osHashValue());
        statement.bind(k++, image.owner());
        statement.bind(k++, image.size());
        statement.bind(k++, image.virtualSize());
        statement.bind(k++, image.containerFormat());
        statement.bind(k++, image.diskFormat());
        statement.bind(k++, image.minDisk());
        statement.bind(k++, image.minRam());
        statement.bind(k++, Timestamps.toNanos(image.createdAt()));
        statement.bind(k++, Timestamps.toNanos(image.updatedAt()));
        statement.bind(k, Timestamps.toNanos(image.deletedAt()));
        return statement;
    }

    private static void insertTags(Handle handle, String id, List<String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch(INSERT_TAG);
        int position = 0;
        for (String tag : tags) {
            batch.bind(0, id).bind(1, tag).bind(2, position++).add();
        }
        batch.execute();
    }

    private static void insertProperties(Handle handle, String id, Map<String, String> properties) {
        if (properties.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch(INSERT_PROPERTY);
        for (Map.Entry<String, String> property : properties.entrySet()) {
            batch.bind(0, id)
                    .bind(1, property.getKey())
                    .bind(2, property.getValue())
                    .add();
        }
        batch.execute();
    }

    /** Writes only what differs between the stored and the wanted properties. */
    private static void replaceChangedProperties(
            Handle handle, String id, Map<String, String> stored, Map<String, String> wanted) {
        if (stored.equals(wanted)) {
            return;
        }
        PreparedBatch removals = handle.prepareBatch("DELETE FROM image_properties WHERE image_id = ? AND name = ?");
        PreparedBatch changes =
                handle.prepareBatch("UPDATE image_properties SET value = ? WHERE image_id = ? AND name = ?");
        Map<String, String> additions = new LinkedHashMap<>();
        for (Map.Entry<String, String> old : stored.entrySet()) {
            if (!wanted.containsKey(old.getKey())) {
                removals.bind(0, id).bind(1, old.getKey()).add();
            }
        }
        for (Map.Entry<String, String> property : wanted.entrySet()) {
            if (!stored.containsKey(property.getKey())) {
                additions.put(property.getKey(), property.getValue());
            } else if (!Objects.equals(stored.get(property.getKey()), property.getValue())) {
                changes.bind(0, property.getValue())
                        .bind(1, id)
                        .bind(2, property.getKey())
                        .add();
            }
        }
        if (removals.size() > 0) {
            removals.execute();
        }
        if (changes.size() > 0) {
            changes.execute();
        }
        insertProperties(handle, id, additions);
    }
}
