package org.glance4j.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.error.StaleRevisionException;
import org.glance4j.ports.model.BulkAddResult;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageQuery;
import org.glance4j.ports.model.ImageWithMembers;
import org.glance4j.ports.out.ImageRepository;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.Update;

/**
 * Images in the {@code images}, {@code image_tags} and {@code image_properties} tables. Every call is one
 * transaction; a page of images loads its tags and its properties with one query each.
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
    private static final String SELECT_ONE = "SELECT " + ImageColumns.SELECT_LIST + " FROM images i WHERE i.id = ?";

    private final Database database;
    private final BulkImageInsert bulkInsert;

    JdbcImageRepository(Database database) {
        this.database = database;
        this.bulkInsert = new BulkImageInsert(database);
    }

    /** Binds every parameter of {@link #INSERT}. */
    static <S extends SqlStatement<S>> S bindImage(S insert, Image image) {
        insert.bind(0, image.id());
        return bindBaseFields(insert, image, 1).bind(19, image.revision())
                .bind(20, ImageLocations.format(image.locations()));
    }

    @Override
    public void add(Image image) {
        Objects.requireNonNull(image, "image");
        try {
            database.write(handle -> {
                bindImage(handle.createUpdate(INSERT), image).execute();
                insertTags(handle, image.id(), image.tags());
                insertProperties(handle, image.id(), image.properties());
                return null;
            });
        } catch (JdbiException e) {
            if (database.isUniqueViolation(e)) {
                throw GlanceException.conflict("an image with id " + image.id()
                        + " already exists or existed: image ids are never reused, not even after deletion");
            }
            throw Database.unavailable(e);
        }
    }

    @Override
    public BulkAddResult addAllAbsent(List<ImageWithMembers> batch) {
        return bulkInsert.addAllAbsent(batch);
    }

    @Override
    public Optional<Image> find(String id) {
        try {
            return database.read(handle -> {
                Optional<Image> base = handle.createQuery(SELECT_ONE).bind(0, id)
                        .map((rs, ctx) -> ImageColumns.read(rs)).findOne();
                return base.map(image -> PageExtras.complete(handle, database.dialect(), List.of(image)).get(0));
            });
        } catch (JdbiException e) {
            throw Database.unavailable(e);
        }
    }

    @Override
    public Image update(Image image) {
        Objects.requireNonNull(image, "image");
        long next = image.revision() + 1;
        try {
            return database.write(handle -> {
                Update update = handle.createUpdate(UPDATE);
                bindBaseFields(update, image, 0).bind(18, next).bind(19, ImageLocations.format(image.locations()))
                        .bind(20, image.id()).bind(21, image.revision());
                if (update.execute() == 0) {
                    Optional<Long> stored = handle.createQuery("SELECT revision FROM images WHERE id = ?")
                            .bind(0, image.id()).mapTo(Long.class).findOne();
                    if (stored.isEmpty()) {
                        throw GlanceException.notFound("no image with id " + image.id());
                    }
                    throw new StaleRevisionException("image " + image.id() + " was changed by someone else: it is at"
                            + " revision " + stored.get() + ", the update was based on revision " + image.revision());
                }
                Image stored = PageExtras.complete(handle, database.dialect(),
                        List.of(image.toBuilder().tags(List.of()).properties(Map.of()).build())).get(0);
                if (!stored.tags().equals(image.tags())) {
                    handle.createUpdate("DELETE FROM image_tags WHERE image_id = ?").bind(0, image.id()).execute();
                    insertTags(handle, image.id(), image.tags());
                }
                replaceChangedProperties(handle, image.id(), stored.properties(), image.properties());
                return image.toBuilder().revision(next).build();
            });
        } catch (JdbiException e) {
            throw Database.unavailable(e);
        }
    }

    @Override
    public List<Image> list(ImageQuery query) {
        if (query.limit() == 0) {
            return List.of();
        }
        ImageListSql statement = ImageListSql.of(query, database.dialect());
        try {
            return database.read(query.cancellation(), handle -> {
                Query select = handle.createQuery(statement.sql());
                List<Object> arguments = statement.arguments();
                for (int k = 0; k < arguments.size(); k++) {
                    select.bind(k, arguments.get(k));
                }
                List<Image> page = select.map((rs, ctx) -> ImageColumns.read(rs)).list();
                return PageExtras.complete(handle, database.dialect(), page);
            });
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
            batch.bind(0, id).bind(1, property.getKey()).bind(2, property.getValue()).add();
        }
        batch.execute();
    }

    /** Writes only what differs between the stored and the wanted properties. */
    private static void replaceChangedProperties(Handle handle, String id, Map<String, String> stored,
                                                 Map<String, String> wanted) {
        if (stored.equals(wanted)) {
            return;
        }
        PreparedBatch removals = handle.prepareBatch("DELETE FROM image_properties WHERE image_id = ? AND name = ?");
        PreparedBatch changes = handle.prepareBatch("UPDATE image_properties SET value = ? WHERE image_id = ? AND name = ?");
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
                changes.bind(0, property.getValue()).bind(1, id).bind(2, property.getKey()).add();
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
