package org.glance4j.jdbc.glance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.Visibility;

/**
 * Reads the images Glance soft-deleted ({@code deleted} set; their status is {@code deleted}, or
 * {@code pending_delete} while Glance's scrubber has yet to remove the data), in id order, one page at a time.
 * Each comes as a glance4j image with status {@code deleted}, its columns as Glance kept them and
 * {@code deletedAt} set, without properties, tags, members or locations (Glance deleted those with the image).
 */
public final class GlanceDeletedImageReader {
    private static final int PAGE = 500;

    private final Connection connection;

    GlanceDeletedImageReader(Connection connection) {
        this.connection = connection;
    }

    /** A soft-deleted image, and the status Glance gave it ({@code deleted}, {@code pending_delete}, ...). */
    public record DeletedImage(Image image, String glanceStatus) {}

    /**
     * Hands every soft-deleted image to {@code action}, in id order.
     *
     * @throws IllegalStateException when the database cannot be read
     */
    public void forEachDeletedImage(Consumer<DeletedImage> action) {
        String after = "";
        while (true) {
            List<DeletedImage> page = imagesAfter(after);
            if (page.isEmpty()) {
                return;
            }
            page.forEach(action);
            after = page.get(page.size() - 1).image().id();
        }
    }

    private List<DeletedImage> imagesAfter(String after) {
        String sql = "SELECT id, name, size, status, created_at, updated_at, deleted_at, disk_format,"
                + " container_format, checksum, owner, min_disk, min_ram, protected, virtual_size, visibility,"
                + " os_hidden, os_hash_algo, os_hash_value FROM images WHERE deleted = ? AND id > ? ORDER BY id LIMIT "
                + PAGE;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setBoolean(1, true);
            statement.setString(2, after);
            List<DeletedImage> page = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    page.add(deleted(rows));
                }
            }
            return page;
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot read the deleted images of the Glance database: " + e.getMessage(), e);
        }
    }

    private static DeletedImage deleted(ResultSet rows) throws SQLException {
        Instant created = GlanceDatabaseReader.instant(rows.getString("created_at"));
        Instant updated = rows.getString("updated_at") == null
                ? created
                : GlanceDatabaseReader.instant(rows.getString("updated_at"));
        Instant deletedAt = rows.getString("deleted_at") == null
                ? updated
                : GlanceDatabaseReader.instant(rows.getString("deleted_at"));
        Visibility visibility = Visibility.fromWire(rows.getString("visibility"));
        Image image = GlanceDatabaseReader.withImageColumns(
                        Image.builder(rows.getString("id"), created).updatedAt(updated), rows)
                .status(ImageStatus.DELETED)
                .deletedAt(deletedAt)
                .visibility(visibility == null ? Visibility.PRIVATE : visibility)
                .build();
        return new DeletedImage(image, rows.getString("status"));
    }
}
