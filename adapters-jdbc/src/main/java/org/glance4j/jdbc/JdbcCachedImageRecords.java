package org.glance4j.jdbc;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.glance4j.ports.model.CachedImage;
import org.glance4j.ports.out.cache.CachedImageRecords;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.mapper.RowMapper;

/** The nodes' image cache records in the {@code cached_images} and {@code cache_queue} tables. */
final class JdbcCachedImageRecords implements CachedImageRecords {
    private static final RowMapper<CachedImage> CACHED = (rs, ctx) -> new CachedImage(
            rs.getString(1),
            rs.getLong(2),
            Timestamps.fromNanos(rs.getLong(3)),
            Timestamps.fromNanos(rs.getLong(4)),
            rs.getLong(5));

    private final Database database;

    JdbcCachedImageRecords(Database database) {
        this.database = database;
    }

    @Override
    public void recordCached(String nodeId, String imageId, long size, Instant now) {
        try {
            database.write(handle -> {
                handle.createUpdate("DELETE FROM cached_images WHERE node_id = ? AND image_id = ?")
                        .bind(0, nodeId)
                        .bind(1, imageId)
                        .execute();
                return handle.createUpdate("INSERT INTO cached_images (node_id, image_id, size, hits,"
                                + " last_accessed, last_modified) VALUES (?, ?, ?, 0, ?, ?)")
                        .bind(0, nodeId)
                        .bind(1, imageId)
                        .bind(2, size)
                        .bind(3, nanos(now))
                        .bind(4, nanos(now))
                        .execute();
            });
        } catch (JdbiException e) {
            throw Database.unavailable(e);
        }
    }

    @Override
    public boolean recordHit(String nodeId, String imageId, Instant now) {
        return database.update(
                        "UPDATE cached_images SET hits = hits + 1, last_accessed = ? WHERE node_id = ?"
                                + " AND image_id = ?",
                        nanos(now),
                        nodeId,
                        imageId)
                == 1;
    }

    @Override
    public List<CachedImage> cached(String nodeId) {
        try {
            return database.read(handle -> handle.createQuery("SELECT image_id, hits, last_accessed, last_modified,"
                            + " size FROM cached_images WHERE node_id = ? ORDER BY last_accessed, image_id")
                    .bind(0, nodeId)
                    .map(CACHED)
                    .list());
        } catch (JdbiException e) {
            throw Database.unavailable(e);
        }
    }

    @Override
    public boolean removeCached(String nodeId, String imageId) {
        return database.update("DELETE FROM cached_images WHERE node_id = ? AND image_id = ?", nodeId, imageId) == 1;
    }

    @Override
    public int removeAllCached(String nodeId) {
        return database.update("DELETE FROM cached_images WHERE node_id = ?", nodeId);
    }

    @Override
    public boolean enqueue(String nodeId, String imageId, Instant now) {
        try {
            return database.write(handle -> {
                boolean queued =
                        handle.createQuery("SELECT COUNT(*) FROM cache_queue WHERE node_id = ?" + " AND image_id = ?")
                                        .bind(0, nodeId)
                                        .bind(1, imageId)
                                        .mapTo(Long.class)
                                        .one()
                                > 0;
                if (queued) {
                    return false;
                }
                handle.createUpdate("INSERT INTO cache_queue (node_id, image_id, queued_at) VALUES (?, ?, ?)")
                        .bind(0, nodeId)
                        .bind(1, imageId)
                        .bind(2, nanos(now))
                        .execute();
                return true;
            });
        } catch (JdbiException e) {
            if (database.isUniqueViolation(e)) {
                return false; // queued at the same moment by another caller
            }
            throw Database.unavailable(e);
        }
    }

    @Override
    public List<String> queued(String nodeId) {
        try {
            return database.read(handle -> handle.createQuery(
                            "SELECT image_id FROM cache_queue WHERE node_id = ?" + " ORDER BY queued_at, image_id")
                    .bind(0, nodeId)
                    .mapTo(String.class)
                    .list());
        } catch (JdbiException e) {
            throw Database.unavailable(e);
        }
    }

    @Override
    public boolean dequeue(String nodeId, String imageId) {
        return database.update("DELETE FROM cache_queue WHERE node_id = ? AND image_id = ?", nodeId, imageId) == 1;
    }

    @Override
    public int clearQueue(String nodeId) {
        return database.update("DELETE FROM cache_queue WHERE node_id = ?", nodeId);
    }

    private static long nanos(Instant instant) {
        return Timestamps.toNanosSaturated(Objects.requireNonNull(instant, "instant"));
    }
}
