package org.glance4j.jdbc.glance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.glance4j.ports.model.task.Task;
import org.glance4j.ports.model.task.TaskStatus;

/**
 * Reads Glance's {@code tasks} with their {@code task_info} (input, result, message), soft-deleted ones included
 * (flagged), in id order, one page at a time. It only queries.
 */
public final class GlanceTaskReader {
    private static final int PAGE = 500;

    private final Connection connection;

    GlanceTaskReader(Connection connection) {
        this.connection = connection;
    }

    /**
     * Hands every task row to {@code action}, in id order; a row that cannot become a glance4j task comes with its
     * problem instead of failing the whole read.
     *
     * @throws IllegalStateException when the database cannot be read
     */
    public void forEachTask(Consumer<GlanceTaskRecord> action) {
        String after = "";
        while (true) {
            List<GlanceTaskRecord> page = tasksAfter(after);
            if (page.isEmpty()) {
                return;
            }
            page.forEach(action);
            after = page.get(page.size() - 1).id();
        }
    }

    private List<GlanceTaskRecord> tasksAfter(String after) {
        String sql = "SELECT t.id, t.type, t.status, t.owner, t.expires_at, t.created_at, t.updated_at, t.deleted,"
                + " t.deleted_at, t.image_id, t.request_id, t.user_id, i.input, i.result, i.message FROM tasks t"
                + " LEFT JOIN task_info i ON i.task_id = t.id WHERE t.id > ? ORDER BY t.id LIMIT " + PAGE;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, after);
            List<GlanceTaskRecord> page = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    page.add(record(rows));
                }
            }
            return page;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the tasks of the Glance database: " + e.getMessage(), e);
        }
    }

    private static GlanceTaskRecord record(ResultSet rows) throws SQLException {
        String id = rows.getString("id");
        Instant deletedAt = null;
        if (rows.getBoolean("deleted")) {
            String text = rows.getString("deleted_at");
            deletedAt = text != null
                    ? GlanceDatabaseReader.instant(text)
                    : GlanceDatabaseReader.instant(
                            rows.getString("updated_at") != null
                                    ? rows.getString("updated_at")
                                    : rows.getString("created_at"));
        }
        TaskStatus status = TaskStatus.fromWire(rows.getString("status"));
        if (status == null) {
            return new GlanceTaskRecord(
                    id,
                    null,
                    deletedAt,
                    "the status '" + rows.getString("status")
                            + "' is not one glance4j knows (pending, processing, success, failure)");
        }
        Map<String, Object> input;
        Map<String, Object> result;
        try {
            input = GlanceJson.object(rows.getString("input"), "its input");
            result = GlanceJson.object(rows.getString("result"), "its result");
        } catch (IllegalStateException e) {
            return new GlanceTaskRecord(id, null, deletedAt, e.getMessage());
        }
        Instant created = GlanceDatabaseReader.instant(rows.getString("created_at"));
        String updatedText = rows.getString("updated_at");
        Instant updated = updatedText == null ? created : GlanceDatabaseReader.instant(updatedText);
        String expiresText = rows.getString("expires_at");
        Instant expires = expiresText == null ? null : GlanceDatabaseReader.instant(expiresText);
        Task task = new Task(
                id,
                rows.getString("type"),
                status,
                rows.getString("owner"),
                input,
                result,
                rows.getString("message"),
                rows.getString("image_id"),
                rows.getString("request_id"),
                rows.getString("user_id"),
                null,
                expires,
                created,
                updated);
        return new GlanceTaskRecord(id, task, deletedAt, null);
    }
}
