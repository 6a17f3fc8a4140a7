package org.glance4j.jdbc;

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
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

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
        stored.addAll(storedIds(handle, batch.stream().map(entry -> entry.image().id()).toList()));
        Map<String, Set<String>> storedMembers = storedMembers(handle, batch.stream()
                .filter(entry -> stored.contains(entry.image().id()) && !entry.members().isEmpty())
                .map(entry -> entry.image().id()).toList());
        PreparedBatch images = handle.prepareBatch(JdbcImageRepository.INSERT);
        PreparedBatch tags = handle.prepareBatch(JdbcImageRepository.INSERT_TAG);
        PreparedBatch properties = handle.prepareBatch(JdbcImageRepository.INSERT_PROPERTY);
        PreparedBatch members = handle.prepareBatch(JdbcImageMemberRepository.INSERT);
        Set<ImageMember> membersAdded = new HashSet<>();
        for (ImageWithMembers entry : batch) {
            Image image = entry.image();
            boolean present = stored.contains(image.id());
            if (!present) {
                JdbcImageRepository.bindImage(images, image).add();
                int position = 0;
                for (String tag : image.tags()) {
                    tags.bind(0, image.id()).bind(1, tag).bind(2, position++).add();
                }
                for (Map.Entry<String, String> property : image.properties().entrySet()) {
                    properties.bind(0, image.id()).bind(1, property.getKey()).bind(2, property.getValue()).add();
                }
            }
            Set<String> had = present ? storedMembers.getOrDefault(image.id(), Set.of()) : Set.of();
            for (ImageMember member : entry.members()) {
                if (!had.contains(member.memberId())) {
                    JdbcImageMemberRepository.bind(members, member).add();
                    membersAdded.add(member);
                }
            }
        }
        for (PreparedBatch statement : List.of(images, tags, properties, members)) {
            if (statement.size() > 0) {
                statement.execute();
            }
        }
        return membersAdded;
    }

    private static Set<String> storedIds(Handle handle, List<String> ids) {
        Set<String> stored = new HashSet<>();
        for (List<String> chunk : chunks(ids)) {
            select(handle, "SELECT id FROM images WHERE id IN ", chunk).map((rs, ctx) -> rs.getString(1))
                    .forEach(stored::add);
        }
        return stored;
    }

    private static Map<String, Set<String>> storedMembers(Handle handle, List<String> imageIds) {
        Map<String, Set<String>> stored = new HashMap<>();
        for (List<String> chunk : chunks(imageIds)) {
            select(handle, "SELECT image_id, member FROM image_members WHERE image_id IN ", chunk)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .forEach(row -> stored.computeIfAbsent(row.getKey(), k -> new HashSet<>()).add(row.getValue()));
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
    private static BulkAddResult result(List<ImageWithMembers> batch, Set<String> stored,
                                        Set<ImageMember> membersAdded) {
        List<String> added = new ArrayList<>();
        List<String> present = new ArrayList<>();
        List<ImageMember> members = new ArrayList<>();
        for (ImageWithMembers entry : batch) {
            (stored.contains(entry.image().id()) ? present : added).add(entry.image().id());
            entry.members().stream().filter(membersAdded::contains).forEach(members::add);
        }
        return new BulkAddResult(added, present, members);
    }
}
