package org.glance4j.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.task.Task;
import org.glance4j.ports.model.task.TaskQuery;
import org.glance4j.ports.model.task.TaskStatus;
import org.glance4j.ports.out.TaskRepository;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/** Tasks in the {@code tasks} table; lists page by keyset on (sort key, id). */
final class JdbcTaskRepository implements TaskRepository {
    private static final String COLUMNS = "id, type, status, owner, input, result, message, image_id, request_id,"
            + " user_id, node, expires_at, created_at, updated_at";
    private static final RowMapper<Task> TASK = (rs, ctx) -> new Task(
            rs.getString(1),
            rs.getString(2),
            TaskStatus.fromWire(rs.getString(3)),
            rs.getString(4),
            TaskJson.read(rs.getString(5)),
            TaskJson.read(rs.getString(6)),
            rs.getString(7),
            rs.getString(8),
            rs.getString(9),
            rs.getString(10),
            rs.getString(11),
            time(rs.getObject(12)),
            Timestamps.fromNanos(rs.getLong(13)),
            Timestamps.fromNanos(rs.getLong(14)));

    private final Database database;

    JdbcTaskRepository(Database database) {
        this.database = database;
    }

    private static java.time.Instant time(Object nanos) {
        return nanos == null ? null : Timestamps.fromNanos(((Number) nanos).longValue());
    }

    @Override
    public void add(Task task) {
        Objects.requireNonNull(task, "task");
        try {
            database.write(handle -> bindAfterId(
                            handle.createUpdate("INSERT INTO tasks (" + COLUMNS
                                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                                    .bind(0, task.id()),
                            1,
                            task)
                    .execute());
        } catch (JdbiException e) {
            if (database.isUniqueViolation(e)) {
                throw GlanceException.conflict("Task with identifier " + task.id() + " already exists");
            }
            throw Database.unavailable(e);
        }
    }

    /**
     * Binds the task's values of the columns after {@code id} (type to updated_at, in {@link #COLUMNS} order) to
     * the 13 positions from {@code first}.
     */
    private static Update bindAfterId(Update update, int first, Task task) {
        return update.bind(first, task.type())
                .bind(first + 1, task.status().wireName())
                .bind(first + 2, task.owner())
                .bind(first + 3, TaskJson.write(task.input()))
                .bind(first + 4, TaskJson.write(task.result()))
                .bind(first + 5, task.message())
                .bind(first + 6, task.imageId())
                .bind(first + 7, task.requestId())
                .bind(first + 8, task.userId())
                .bind(first + 9, task.node())
                .bind(first + 10, Timestamps.toNanos(task.expiresAt()))
                .bind(first + 11, Timestamps.toNanos(task.createdAt()))
                .bind(first + 12, Timestamps.toNanos(task.updatedAt()));
    }

    @Override
    public Optional<Task> find(String id) {
        try {
            return database.read(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM tasks WHERE id = ?")
                    .bind(0, id)
                    .map(TASK)
                    .findOne());
        } catch (JdbiException e) {
            throw Database.unavailable(e);
        }
    }

    @Override
    public void update(Task task) {
        int count;
        try {
            count = database.write(handle -> bindAfterId(
                            handle.createUpdate("UPDATE tasks SET type = ?, status = ?, owner = ?, input = ?,"
                                    + " result = ?, message = ?, image_id = ?, request_id = ?, user_id = ?, node = ?,"
                                    + " expires_at = ?, created_at = ?, updated_at = ? WHERE id = ?"),
                            0,
                            task)
                    .bind(13, task.id())
                    .execute());
        } catch (JdbiException e) {
            throw Database.unavailable(e);
        }
        if (count == 0) {
            throw GlanceException.notFound("Task with identifier " + task.id() + " not found");
        }
    }

    @Override
    public List<Task> list(TaskQuery query) {
        if (query.limit() == 0) {
            return List.of();
        }
        String key = column(query.sortKey());
        StringBuilder sql = new StringBuilder(
                "SELECT " + COLUMNS + " FROM tasks WHERE" + " (expires_at IS NULL OR expires_at >= ?)");
        List<Object> args = new ArrayList<>();
        args.add(Timestamps.toNanosSaturated(query.now()));
        if (query.owner() != null) {
            sql.append(" AND owner = ?");
            args.add(query.owner());
        }
        if (query.status() != null) {
            sql.append(" AND status = ?");
            args.add(query.status().wireName());
        }
        if (query.type() != null) {
            sql.append(" AND type = ?");
            args.add(query.type());
        }
        String direction = query.ascending() ? "ASC" : "DESC";
        String after = query.ascending() ? ">" : "<";
        try {
            return database.read(handle -> {
                if (query.marker() != null) {
                    Object markerKey = handle.createQuery("SELECT " + key + " FROM tasks WHERE id = ?")
                            .bind(0, query.marker())
                            .map((rs, ctx) -> rs.getObject(1))
                            .findFirst()
                            .orElseThrow(() ->
                                    GlanceException.notFound("Task with identifier " + query.marker() + " not found"));
                    sql.append(" AND (" + key + " " + after + " ? OR (" + key + " = ? AND id " + after + " ?))");
                    args.add(markerKey);
                    args.add(markerKey);
                    args.add(query.marker());
                }
                sql.append(" ORDER BY " + key + " " + direction + ", id " + direction + " LIMIT ?");
                args.add(query.limit());
                Query select = handle.createQuery(sql.toString());
                for (int i = 0; i < args.size(); i++) {
                    select.bind(i, args.get(i));
                }
                return select.map(TASK).list();
            });
        } catch (JdbiException e) {
            throw Database.unavailable(e);
        }
    }

    private static String column(TaskQuery.SortKey key) {
        return switch (key) {
            case CREATED_AT -> "created_at";
            case UPDATED_AT -> "updated_at";
            case ID -> "id";
            case STATUS -> "status";
            case TYPE -> "type";
        };
    }

    @Override
    public List<Task> listForImage(String imageId) {
        try {
            return database.read(handle -> handle.createQuery(
                            "SELECT " + COLUMNS + " FROM tasks WHERE image_id = ? ORDER BY created_at, id")
                    .bind(0, imageId)
                    .map(TASK)
                    .list());
        } catch (JdbiException e) {
            throw Database.unavailable(e);
        }
    }

    @Override
    public List<Task> listUnfinished(String node) {
        try {
            return database.read(handle -> handle.createQuery("SELECT " + COLUMNS
                            + " FROM tasks WHERE node = ? AND status IN ('pending', 'processing')"
                            + " ORDER BY created_at, id")
                    .bind(0, node)
                    .map(TASK)
                    .list());
        } catch (JdbiException e) {
            throw Database.unavailable(e);
        }
    }
}
