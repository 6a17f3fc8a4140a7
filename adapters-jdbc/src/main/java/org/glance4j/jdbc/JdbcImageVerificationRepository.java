package org.glance4j.jdbc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.glance4j.ports.model.ImageVerification;
import org.glance4j.ports.out.ImageVerificationRepository;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.mapper.RowMapper;

/** The last verification result per image and location, in the {@code image_verifications} table. */
final class JdbcImageVerificationRepository implements ImageVerificationRepository {
    private static final String COLUMNS = "image_id, store_id, location_url, status, checked_at, detail";
    private static final RowMapper<ImageVerification> RESULT = (rs, ctx) -> new ImageVerification(
            rs.getString(1),
            rs.getString(2),
            rs.getString(3),
            ImageVerification.Status.fromWire(rs.getString(4)),
            Timestamps.fromNanos(rs.getLong(5)),
            rs.getString(6));

    private final Database database;

    JdbcImageVerificationRepository(Database database) {
        this.database = database;
    }

    @Override
    public void record(ImageVerification result) {
        String key = locationKey(result.locationUrl());
        try {
            database.write(handle -> {
                handle.createUpdate("DELETE FROM image_verifications WHERE image_id = ? AND location_key = ?")
                        .bind(0, result.imageId())
                        .bind(1, key)
                        .execute();
                return handle.createUpdate("INSERT INTO image_verifications (image_id, location_key, store_id,"
                                + " location_url, status, checked_at, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")
                        .bind(0, result.imageId())
                        .bind(1, key)
                        .bind(2, result.storeId())
                        .bind(3, result.locationUrl())
                        .bind(4, result.status().wireName())
                        .bind(5, Timestamps.toNanosSaturated(result.checkedAt()))
                        .bind(6, result.detail())
                        .execute();
            });
        } catch (JdbiException e) {
            throw Database.unavailable(e);
        }
    }

    @Override
    public List<ImageVerification> latest(ImageVerification.Status status) {
        try {
            return database.read(handle -> {
                var query = handle.createQuery("SELECT " + COLUMNS + " FROM image_verifications"
                        + (status == null ? "" : " WHERE status = ?") + " ORDER BY image_id, store_id, location_url");
                if (status != null) {
                    query.bind(0, status.wireName());
                }
                return query.map(RESULT).list();
            });
        } catch (JdbiException e) {
            throw Database.unavailable(e);
        }
    }

    /** The lower-case hex SHA-256 of a location URL: the short key of the row. */
    static String locationKey(String locationUrl) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256").digest(locationUrl.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
