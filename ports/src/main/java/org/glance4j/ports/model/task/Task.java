package org.glance4j.ports.model.task;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A task: Glance's record of an asynchronous operation (an image import of type
 * {@code api_image_import}, or a legacy {@code import} made with {@code POST /v2/tasks}), what it was asked to do, how far it got and why it failed.
 *
 * <p>{@code input} and {@code result} are JSON objects as plain JDK values ({@link String}, {@link Boolean},
 * {@link Number}, {@link java.util.List}, {@link Map} with string keys, {@code null}); {@code result} is
 * {@code null} until the task ends. {@code message} is empty unless something is worth telling (a failure's
 * reason). {@code expiresAt} is set when the task ends: after it the task is no longer listed. {@code node} is
 * the server node that runs the task, kept so that a restarted node can find the tasks it left unfinished; it is
 * never shown by the API. Nullable: owner, imageId, requestId, userId, expiresAt, result, node.
 */
public record Task(
        String id,
        String type,
        TaskStatus status,
        String owner,
        Map<String, Object> input,
        Map<String, Object> result,
        String message,
        String imageId,
        String requestId,
        String userId,
        String node,
        Instant expiresAt,
        Instant createdAt,
        Instant updatedAt) {

    /** Glance's type of the tasks an image import creates. */
    public static final String API_IMAGE_IMPORT = "api_image_import";
    /** Glance's type of the legacy import tasks made with {@code POST /v2/tasks}. */
    public static final String IMPORT = "import";

    public Task {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        input = input == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(input));
        result = result == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(result));
        message = message == null ? "" : message;
    }

    /** This task moved to {@code newStatus} at {@code now}, with the given message. */
    public Task withStatus(TaskStatus newStatus, String newMessage, Instant now) {
        return new Task(
                id,
                type,
                newStatus,
                owner,
                input,
                result,
                newMessage,
                imageId,
                requestId,
                userId,
                node,
                expiresAt,
                createdAt,
                now);
    }

    /** This task ended at {@code now}: final status, result, message and the time it stops being listed. */
    public Task finished(
            TaskStatus finalStatus, Map<String, Object> newResult, String newMessage, Instant now, Instant expires) {
        if (!finalStatus.isFinal()) {
            throw new IllegalArgumentException("not a final status: " + finalStatus);
        }
        return new Task(
                id,
                type,
                finalStatus,
                owner,
                input,
                newResult,
                newMessage,
                imageId,
                requestId,
                userId,
                node,
                expires,
                createdAt,
                now);
    }
}
