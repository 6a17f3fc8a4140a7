package org.glance4j.jdbc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.ImageMember;
import org.glance4j.ports.model.MemberStatus;
import org.glance4j.ports.out.ImageMemberRepository;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatement;

/** Memberships in the {@code image_members} table, which the image list query reads as well. */
final class JdbcImageMemberRepository implements ImageMemberRepository {
    private static final String COLUMNS = "image_id, member, status, created_at, updated_at";
    private static final RowMapper<ImageMember> MEMBER = (rs, ctx) -> new ImageMember(
            rs.getString(1),
            rs.getString(2),
            MemberStatus.valueOf(rs.getString(3).toUpperCase(java.util.Locale.ROOT)),
            Timestamps.fromNanos(rs.getLong(4)),
            Timestamps.fromNanos(rs.getLong(5)));

    static final String INSERT = "INSERT INTO image_members (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)";

    private final Database database;

    JdbcImageMemberRepository(Database database) {
        this.database = database;
    }

    @Override
    public void add(ImageMember member) {
        Objects.requireNonNull(member, "member");
        try {
            database.write(handle -> bind(handle.createUpdate(INSERT), member).execute());
        } catch (JdbiException e) {
            if (database.isUniqueViolation(e)) {
                throw GlanceException.conflict(
                        "project " + member.memberId() + " is already a member of image " + member.imageId());
            }
            if (database.isForeignKeyViolation(e)) {
                throw GlanceException.notFound("no image with id " + member.imageId());
            }
            throw Database.unavailable(e);
        }
    }

    /** Binds every parameter of {@link #INSERT}. */
    static <S extends SqlStatement<S>> S bind(S insert, ImageMember member) {
        return insert.bind(0, member.imageId())
                .bind(1, member.memberId())
                .bind(2, member.status().wireName())
                .bind(3, Timestamps.toNanos(member.createdAt()))
                .bind(4, Timestamps.toNanos(member.updatedAt()));
    }

    @Override
    public Optional<ImageMember> find(String imageId, String memberId) {
        try {
            return database.read(handle -> handle.createQuery(
                            "SELECT " + COLUMNS + " FROM image_members WHERE image_id = ? AND member = ?")
                    .bind(0, imageId)
                    .bind(1, memberId)
                    .map(MEMBER)
                    .findOne());
        } catch (JdbiException e) {
            throw Database.unavailable(e);
        }
    }

    @Override
    public void update(ImageMember member) {
        Objects.requireNonNull(member, "member");
        int changed;
        try {
            changed = database.write(handle -> handle.createUpdate("UPDATE image_members SET status = ?,"
                            + " updated_at = ? WHERE image_id = ? AND member = ?")
                    .bind(0, member.status().wireName())
                    .bind(1, Timestamps.toNanos(member.updatedAt()))
                    .bind(2, member.imageId())
                    .bind(3, member.memberId())
                    .execute());
        } catch (JdbiException e) {
            throw Database.unavailable(e);
        }
        if (changed == 0) {
            throw GlanceException.notFound(
                    "project " + member.memberId() + " is not a member of image " + member.imageId());
        }
    }

    @Override
    public boolean remove(String imageId, String memberId) {
        try {
            return database.write(
                            handle -> handle.createUpdate("DELETE FROM image_members WHERE image_id = ? AND member = ?")
                                    .bind(0, imageId)
                                    .bind(1, memberId)
                                    .execute())
                    > 0;
        } catch (JdbiException e) {
            throw Database.unavailable(e);
        }
    }

    @Override
    public List<ImageMember> listForImage(String imageId) {
        try {
            return database.read(handle -> handle.createQuery(
                            "SELECT " + COLUMNS + " FROM image_members WHERE image_id = ? ORDER BY created_at, member")
                    .bind(0, imageId)
                    .map(MEMBER)
                    .list());
        } catch (JdbiException e) {
            throw Database.unavailable(e);
        }
    }
}
