package org.glance4j.ports.model.task;

import java.time.Instant;
import java.util.Objects;

/**
 * One page of tasks: optionally only one owner's ({@code owner} null for all), one status, one type; never tasks
 * that expired before {@code now}; sorted by {@code sortKey} ({@link SortKey}) in {@code ascending} order or not,
 * then by id in the same direction; starting after the task {@code marker} (null for the first page); at most
 * {@code limit} tasks.
 */
public record TaskQuery(
        String owner,
        TaskStatus status,
        String type,
        Instant now,
        SortKey sortKey,
        boolean ascending,
        String marker,
        int limit) {

    /** The keys tasks may be sorted by. */
    public enum SortKey {
        CREATED_AT("created_at"),
        UPDATED_AT("updated_at"),
        ID("id"),
        STATUS("status"),
        TYPE("type");

        private final String wireName;

        SortKey(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        /** The key of a wire name, or null. */
        public static SortKey fromWire(String value) {
            for (SortKey key : values()) {
                if (key.wireName.equals(value)) {
                    return key;
                }
            }
            return null;
        }
    }

    public TaskQuery {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(sortKey, "sortKey");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
    }
}
