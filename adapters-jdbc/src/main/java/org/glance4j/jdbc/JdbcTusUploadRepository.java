package org.glance4j.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.StatedDigest;
import org.glance4j.ports.model.TusUpload;
import org.glance4j.ports.out.tus.TusUploadRepository;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.mapper.RowMapper;

/** The records of resumable (tus) uploads, in the {@code tus_uploads} table. */
final class JdbcTusUploadRepository implements TusUploadRepository {
    private static final String COLUMNS =
            "id, image_id, length, kind, partials, metadata, stated, store_id, created_at, expires_at";
    private static final RowMapper<TusUpload> UPLOAD = (rs, ctx) -> new TusUpload(
            rs.getString(1),
            rs.getString(2),
            rs.getLong(3),
            TusUpload.Kind.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)),
            partials(rs.getString(5)),
            rs.getString(6),
            stated(rs.getString(7)),
            rs.getString(8),
            Timestamps.fromNanos(rs.getLong(9)),
            Timestamps.fromNanos(rs.getLong(10)));

    private final Database database;

    JdbcTusUploadRepository(Database database) {
        this.database = database;
    }

    @Override
    public void create(TusUpload upload) {
        try {
            database.write(handle -> handle.createUpdate(
                            "INSERT INTO tus_uploads (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .bind(0, upload.id())
                    .bind(1, upload.imageId())
                    .bind(2, upload.length())
                    .bind(3, upload.kind().name().toLowerCase(Locale.ROOT))
                    .bind(4, String.join(" ", upload.partials()))
                    .bind(5, upload.metadata())
                    .bind(6, stated(upload.stated()))
                    .bind(7, upload.storeId())
                    .bind(8, Timestamps.toNanosSaturated(upload.createdAt()))
                    .bind(9, Timestamps.toNanosSaturated(upload.expiresAt()))
                    .execute());
        } catch (JdbiException e) {
            if (database.isUniqueViolation(e)) {
                throw GlanceException.conflict("Upload " + upload.id() + " exists");
            }
            throw Database.unavailable(e);
        }
    }

    @Override
    public Optional<TusUpload> find(String uploadId) {
        return query("WHERE id = ?", uploadId).stream().findFirst();
    }

    @Override
    public List<TusUpload> ofImage(String imageId) {
        return query("WHERE image_id = ? ORDER BY created_at, id", imageId);
    }

    @Override
    public boolean renew(String uploadId, Instant expiresAt) {
        return database.update(
                        "UPDATE tus_uploads SET expires_at = ? WHERE id = ?",
                        Timestamps.toNanosSaturated(expiresAt),
                        uploadId)
                > 0;
    }

    @Override
    public boolean delete(String uploadId) {
        return database.update("DELETE FROM tus_uploads WHERE id = ?", uploadId) > 0;
    }

    @Override
    public List<TusUpload> expired(Instant now, int limit) {
        try {
            return database.read(handle -> handle.createQuery("SELECT " + COLUMNS
                            + " FROM tus_uploads WHERE expires_at < ? ORDER BY expires_at, id LIMIT ?")
                    .bind(0, Timestamps.toNanosSaturated(now))
                    .bind(1, limit)
                    .map(UPLOAD)
                    .list());
        } catch (JdbiException e) {
            throw Database.unavailable(e);
        }
    }

    private List<TusUpload> query(String where, String value) {
        try {
            return database.read(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM tus_uploads " + where)
                    .bind(0, value)
                    .map(UPLOAD)
                    .list());
        } catch (JdbiException e) {
            throw Database.unavailable(e);
        }
    }

    private static List<String> partials(String column) {
        return column.isEmpty() ? List.of() : Arrays.asList(column.split(" "));
    }

    /** One digest a line: source, algorithm, label (empty for none), encoding, hex value, separated by tabs. */
    static String stated(List<StatedDigest> digests) {
        StringBuilder text = new StringBuilder();
        for (StatedDigest d : digests) {
            text.append(d.source())
                    .append('\t')
                    .append(d.algorithm())
                    .append('\t')
                    .append(d.label() == null ? "" : d.label())
                    .append('\t')
                    .append(d.encoding().name())
                    .append('\t')
                    .append(HexFormat.of().formatHex(d.expected()))
                    .append('\n');
        }
        return text.toString();
    }

    static List<StatedDigest> stated(String column) {
        List<StatedDigest> digests = new ArrayList<>();
        for (String line : column.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            digests.add(new StatedDigest(
                    f[1],
                    HexFormat.of().parseHex(f[4]),
                    f[0],
                    f[2].isEmpty() ? null : f[2],
                    StatedDigest.Encoding.valueOf(f[3])));
        }
        return digests;
    }
}
