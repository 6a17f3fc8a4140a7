package org.glance4j.ports.model.task;

import java.util.Locale;

/** The states of a task, spelt on the wire in lower case as Glance spells them. */
public enum TaskStatus {
    PENDING,
    PROCESSING,
    SUCCESS,
    FAILURE;

    /** The wire name, e.g. {@code processing}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the task has ended (success or failure). */
    public boolean isFinal() {
        return this == SUCCESS || this == FAILURE;
    }

    /** Parses a wire name case-sensitively; {@code null} when it names no status. */
    public static TaskStatus fromWire(String value) {
        for (TaskStatus s : values()) {
            if (s.wireName().equals(value)) {
                return s;
            }
        }
        return null;
    }
}
