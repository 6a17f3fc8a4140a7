package org.glance4j.jdbc;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.glance4j.ports.out.NodeLeases;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Node leases in the {@code node_leases} table. Each decision is one conditional {@code UPDATE} or {@code DELETE}
 * whose row count says whether it happened, so that of several processes exactly one wins a claim on every database.
 */
final class JdbcNodeLeases implements NodeLeases {
    private static final RowMapper<Lease> LEASE = (rs, ctx) -> new Lease(
            rs.getString(1),
            Timestamps.fromNanos(rs.getLong(2)),
            rs.getString(3),
            rs.getObject(4) == null ? null : Timestamps.fromNanos(((Number) rs.getObject(4)).longValue()));
    /** No claim, or one that ended before the bound time. */
    private static final String NO_RUNNING_CLAIM = "(claimed_by IS NULL OR claim_expires_at < ?)";

    private final Database database;

    JdbcNodeLeases(Database database) {
        this.database = database;
    }

    @Override
    public boolean register(String nodeId, Instant expiresAt, Instant now) {
        Objects.requireNonNull(nodeId, "nodeId");
        try {
            return database.write(handle -> {
                int updated = handle.createUpdate("UPDATE node_leases SET expires_at = ?, claimed_by = NULL,"
                                + " claim_expires_at = NULL WHERE node_id = ? AND " + NO_RUNNING_CLAIM)
                        .bind(0, nanos(expiresAt))
                        .bind(1, nodeId)
                        .bind(2, nanos(now))
                        .execute();
                if (updated == 1) {
                    return true;
                }
                boolean exists = handle.createQuery("SELECT COUNT(*) FROM node_leases WHERE node_id = ?")
                                .bind(0, nodeId)
                                .mapTo(Long.class)
                                .one()
                        > 0;
                if (exists) {
                    return false;
                }
                handle.createUpdate("INSERT INTO node_leases (node_id, expires_at) VALUES (?, ?)")
                        .bind(0, nodeId)
                        .bind(1, nanos(expiresAt))
                        .execute();
                return true;
            });
        } catch (JdbiException e) {
            if (database.isUniqueViolation(e)) {
                return false; // another start of the same node inserted it first; the caller tries again
            }
            throw Database.unavailable(e);
        }
    }

    @Override
    public boolean renew(String nodeId, Instant expiresAt) {
        try {
            return database.write(handle -> handle.createUpdate("UPDATE node_leases SET expires_at = ?"
                                    + " WHERE node_id = ? AND claimed_by IS NULL")
                            .bind(0, nanos(expiresAt))
                            .bind(1, nodeId)
                            .execute())
                    == 1;
        } catch (JdbiException e) {
            throw Database.unavailable(e);
        }
    }

    @Override
    public List<Lease> expired(Instant now) {
        try {
            return database.read(handle -> handle.createQuery("SELECT node_id, expires_at, claimed_by,"
                            + " claim_expires_at FROM node_leases WHERE expires_at < ? AND " + NO_RUNNING_CLAIM
                            + " ORDER BY expires_at, node_id")
                    .bind(0, nanos(now))
                    .bind(1, nanos(now))
                    .map(LEASE)
                    .list());
        } catch (JdbiException e) {
            throw Database.unavailable(e);
        }
    }

    @Override
    public boolean claim(String deadNodeId, String claimant, Instant now, Instant claimExpiresAt) {
        Objects.requireNonNull(claimant, "claimant");
        try {
            return database.write(handle -> handle.createUpdate("UPDATE node_leases SET claimed_by = ?,"
                                    + " claim_expires_at = ? WHERE node_id = ? AND expires_at < ? AND "
                                    + NO_RUNNING_CLAIM)
                            .bind(0, claimant)
                            .bind(1, nanos(claimExpiresAt))
                            .bind(2, deadNodeId)
                            .bind(3, nanos(now))
                            .bind(4, nanos(now))
                            .execute())
                    == 1;
        } catch (JdbiException e) {
            throw Database.unavailable(e);
        }
    }

    @Override
    public boolean release(String deadNodeId, String claimant) {
        try {
            return database.write(handle -> handle.createUpdate(
                                    "DELETE FROM node_leases WHERE node_id = ?" + " AND claimed_by = ?")
                            .bind(0, deadNodeId)
                            .bind(1, claimant)
                            .execute())
                    == 1;
        } catch (JdbiException e) {
            throw Database.unavailable(e);
        }
    }

    private static long nanos(Instant instant) {
        return Timestamps.toNanosSaturated(Objects.requireNonNull(instant, "instant"));
    }
}
