package org.glance4j.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glance4j.ports.model.BulkAddResult;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageMember;
import org.glance4j.ports.model.ImageWithMembers;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * {@link org.glance4j.ports.out.ImageRepository#addAllAbsent}: one write transaction per batch. It reads which ids
 * (and which memberships of those) are stored already, then inserts the rest with one JDBC batch per table (images,
 * tags, properties, members), in id order, so that concurrent batches take their locks in the same order and wait
 * for each other instead of deadlocking. When a concurrent writer stored one of the ids between the read and the
 * insert, the unique key refuses it, the transaction is rolled back and the batch runs again from the read; each
 * such round means another writer stored something, so it ends.
 */
final class BulkImageInsert {
    /** How often a batch runs in all when concurrent writers keep storing its ids first. */
    static final int ATTEMPTS = 10;
    /** Ids per {@code IN (...)} list of the reads, well below every driver's parameter limit. */
    private static final int IDS_PER_READ = 500;

    private final Database database;

    BulkImageInsert(Database database) {
        this.database = database;
    }

    BulkAddResult addAllAbsent(List<ImageWithMembers> batch) {
        Set<String> ids = new HashSet<>();
        for (ImageWithMembers entry : batch) {
            if (!ids.add(entry.image().id())) {
                throw new IllegalArgumentException("image " + entry.image().id() + " is twice in the batch");
            }
        }
        if (batch.isEmpty()) {
            return new BulkAddResult(List.of(), List.of(), List.of());
        }
        List<ImageWithMembers> inIdOrder = new ArrayList<>(batch);
        inIdOrder.sort(Comparator.comparing(entry -> entry.image().id()));
        for (int attempt = 1; ; attempt++) {
            try {
                Set<String> stored = new HashSet<>();
                Set<ImageMember> membersAdded = database.write(handle -> insert(handle, inIdOrder, stored));
                return result(batch, stored, membersAdded);
            } catch (JdbiException e) {
                if (attempt >= ATTEMPTS || !database.isUniqueViolation(e)) {
                    throw Database.unavailable(e);
                }
            }
        }
    }

    /** Inserts what is absent; fills {@code stored} with the ids found stored and answers the members added. */
    private Set<ImageMember> insert(Handle handle, List<ImageWithMembers> batch, Set<String> stored) {
        stored.clear();
        stored.addAll(storedIds(
                handle, batch.stream().map(entry -> entry.image().id()).toList()));
        Map<String, Set<String>> storedMembers = storedMembers(
                handle,
                batch.stream()
                        .filter(entry -> stored.contains(entry.image().id())
                                && !entry.members().isEmpty())
                        .map(entry -> entry.image().id())
                        .toList());
        try {
            return insertAbsent(handle.getConnection(), batch, stored, storedMembers);
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    /**
     * Plain JDBC batches: a bulk load binds millions of values, and binding them through Jdbi's argument factories
     * costs more than SQLite's own work.
     */
    private static Set<ImageMember> insertAbsent(
            Connection connection,
            List<ImageWithMembers> batch,
            Set<String> stored,
            Map<String, Set<String>> storedMembers)
            throws SQLException {
        Set<ImageMember> membersAdded = new HashSet<>();
        try (PreparedStatement images = connection.prepareStatement(JdbcImageRepository.INSERT);
                PreparedStatement tags = connection.prepareStatement(JdbcImageRepository.INSERT_TAG);
                PreparedStatement properties = connection.prepareStatement(JdbcImageRepository.INSERT_PROPERTY);
                PreparedStatement members = connection.prepareStatement(JdbcImageMemberRepository.INSERT)) {
            int tagRows = 0;
            int propertyRows = 0;
            int memberRows = 0;
            int imageRows = 0;
            for (ImageWithMembers entry : batch) {
                Image image = entry.image();
                boolean present = stored.contains(image.id());
                if (!present) {
                    bindImage(images, image);
                    images.addBatch();
                    imageRows++;
                    int position = 0;
                    for (String tag : image.tags()) {
                        tags.setString(1, image.id());
                        tags.setString(2, tag);
                        tags.setInt(3, position++);
                        tags.addBatch();
                        tagRows++;
                    }
                    for (Map.Entry<String, String> property : image.properties().entrySet()) {
                        properties.setString(1, image.id());
                        properties.setString(2, property.getKey());
                        properties.setString(3, property.getValue());
                        properties.addBatch();
                        propertyRows++;
                    }
                }
                Set<String> had = present ? storedMembers.getOrDefault(image.id(), Set.of()) : Set.of();
                for (ImageMember member : entry.members()) {
                    if (!had.contains(member.memberId())) {
                        members.setString(1, member.imageId());
                        members.setString(2, member.memberId());
                        members.setString(3, member.status().wireName());
                        members.setLong(4, Timestamps.toNanos(member.createdAt()));
                        members.setLong(5, Timestamps.toNanos(member.updatedAt()));
                        members.addBatch();
                        memberRows++;
                        membersAdded.add(member);
                    }
                }
            }
            // Parents first: the child tables' foreign keys are checked row by row.
            executeIfAny(images, imageRows);
            executeIfAny(tags, tagRows);
            executeIfAny(properties, propertyRows);
            executeIfAny(members, memberRows);
        }
        return membersAdded;
    }

    private static void executeIfAny(PreparedStatement statement, int rows) throws SQLException {
        if (rows > 0) {
            statement.executeBatch();
        }
    }

    /** The parameters of {@link JdbcImageRepository#INSERT}, bound as {@link JdbcImageRepository#bindImage} does. */
    private static void bindImage(PreparedStatement insert, Image image) throws SQLException {
        int k = 1;
        insert.setString(k++, image.id());
        insert.setString(k++, image.name());
        insert.setString(k++, image.status().wireName());
        insert.setString(k++, image.visibility().wireName());
        insert.setBoolean(k++, image.isProtected());
        insert.setBoolean(k++, image.osHidden());
        insert.setString(k++, image.checksum());
        insert.setString(k++, image.osHashAlgo());
        insert.setString(k++, image.osHashValue());
        insert.setString(k++, image.owner());
        setLong(insert, k++, image.size());
        setLong(insert, k++, image.virtualSize());
        insert.setString(k++, image.containerFormat());
        insert.setString(k++, image.diskFormat());
        insert.setInt(k++, image.minDisk());
        insert.setInt(k++, image.minRam());
        insert.setLong(k++, Timestamps.toNanos(image.createdAt()));
        insert.setLong(k++, Timestamps.toNanos(image.updatedAt()));
        setLong(insert, k++, Timestamps.toNanos(image.deletedAt()));
        insert.setLong(k++, image.revision());
        insert.setString(k, ImageLocations.format(image.locations()));
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    private static Set<String> storedIds(Handle handle, List<String> ids) {
        Set<String> stored = new HashSet<>();
        for (List<String> chunk : chunks(ids)) {
            select(handle, "SELECT id FROM images WHERE id IN ", chunk)
                    .map((rs, ctx) -> rs.getString(1))
                    .forEach(stored::add);
        }
        return stored;
    }

    private static Map<String, Set<String>> storedMembers(Handle handle, List<String> imageIds) {
        Map<String, Set<String>> stored = new HashMap<>();
        for (List<String> chunk : chunks(imageIds)) {
            select(handle, "SELECT image_id, member FROM image_members WHERE image_id IN ", chunk)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .forEach(row -> stored.computeIfAbsent(row.getKey(), k -> new HashSet<>())
                            .add(row.getValue()));
        }
        return stored;
    }

    private static Query select(Handle handle, String sql, List<String> ids) {
        Query query = handle.createQuery(sql + "(" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")");
        for (int k = 0; k < ids.size(); k++) {
            query.bind(k, ids.get(k));
        }
        return query;
    }

    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_READ) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + IDS_PER_READ)));
        }
        return chunks;
    }

    /** The outcome in the caller's order. */
    private static BulkAddResult result(
            List<ImageWithMembers> batch, Set<String> stored, Set<ImageMember> membersAdded) {
        List<String> added = new ArrayList<>();
        List<String> present = new ArrayList<>();
        List<ImageMember> members = new ArrayList<>();
        for (ImageWithMembers entry : batch) {
            (stored.contains(entry.image().id()) ? present : added)
                    .add(entry.image().id());
            entry.members().stream().filter(membersAdded::contains).forEach(members::add);
        }
        return new BulkAddResult(added, present, members);
    }
}
