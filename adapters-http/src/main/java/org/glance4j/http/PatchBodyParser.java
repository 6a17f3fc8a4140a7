package org.glance4j.http;

import io.undertow.util.Headers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.PatchOperation;

/**
 * Reads the body of {@code PATCH /v2/images/{id}} into {@link PatchOperation}s. Glance master takes two media
 * types: {@code application/openstack-images-v2.1-json-patch} (operations as {@code {"op", "path", "value"}}) and
 * the older {@code application/openstack-images-v2.0-json-patch} (operations as {@code {"add": path, "value"}}).
 * Only the shape is checked here; which operations and paths are allowed is the core's rule.
 */
final class PatchBodyParser {
    static final String V21 = "application/openstack-images-v2.1-json-patch";
    static final String V20 = "application/openstack-images-v2.0-json-patch";
    static final String ACCEPT_PATCH = V20 + ", " + V21;
    private static final List<String> OPERATIONS = List.of("add", "remove", "replace");

    private PatchBodyParser() {}

    static List<PatchOperation> parse(ApiRequest request) throws IOException {
        boolean draft4 = draft4(request.header(Headers.CONTENT_TYPE));
        Object body = JsonBodyParser.parse(request);
        if (!(body instanceof List<?> list)) {
            throw GlanceException.invalid("Request body must be a JSON array of operation objects.");
        }
        List<PatchOperation> operations = new ArrayList<>(list.size());
        for (Object raw : list) {
            if (!(raw instanceof Map<?, ?> change)) {
                throw GlanceException.invalid("Operations must be JSON objects.");
            }
            operations.add(draft4 ? fromDraft4(change) : fromDraft10(change));
        }
        return operations;
    }

    /** Whether the content type names the 2.0 patch format; any type but the two is refused with 415. */
    private static boolean draft4(String contentType) {
        String mediaType = contentType == null ? "" : contentType;
        int semicolon = mediaType.indexOf(';');
        if (semicolon >= 0) {
            mediaType = mediaType.substring(0, semicolon);
        }
        mediaType = mediaType.trim().toLowerCase(java.util.Locale.ROOT);
        if (mediaType.equals(V21)) {
            return false;
        }
        if (mediaType.equals(V20)) {
            return true;
        }
        throw new HttpFailure(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Image PATCH expects Content-Type one of: " + ACCEPT_PATCH
                        + (contentType == null ? " (no Content-Type was sent)." : " (got '" + contentType + "')."),
                Map.of("Accept-Patch", ACCEPT_PATCH));
    }

    private static PatchOperation fromDraft10(Map<?, ?> change) {
        Object op = change.get("op");
        if (op == null) {
            throw GlanceException.invalid("Unable to find `op` in JSON Schema change. It must be one of the "
                    + "following: add, remove, replace.");
        }
        if (!(op instanceof String opName)) {
            throw GlanceException.invalid(
                    "Invalid operation: `" + op + "`. It must be one of the following: " + "add, remove, replace.");
        }
        if (!change.containsKey("path")) {
            throw GlanceException.invalid("Unable to find 'path' in JSON Schema change");
        }
        return operation(opName, change.get("path"), change);
    }

    private static PatchOperation fromDraft4(Map<?, ?> change) {
        String opName = null;
        for (String candidate : OPERATIONS) {
            if (change.containsKey(candidate)) {
                if (opName != null) {
                    throw GlanceException.invalid("Operation objects must contain only one member named \"add\", "
                            + "\"remove\", or \"replace\".");
                }
                opName = candidate;
            }
        }
        if (opName == null) {
            throw GlanceException.invalid("Operation objects must contain exactly one member named \"add\", "
                    + "\"remove\", or \"replace\".");
        }
        return operation(opName, change.get(opName), change);
    }

    private static PatchOperation operation(String op, Object path, Map<?, ?> change) {
        if (!(path instanceof String pointer)) {
            throw GlanceException.invalid("The `path` of a change must be a JSON pointer string.");
        }
        boolean hasValue = change.containsKey("value");
        return new PatchOperation(op, pointer, hasValue ? change.get("value") : null, hasValue);
    }
}
