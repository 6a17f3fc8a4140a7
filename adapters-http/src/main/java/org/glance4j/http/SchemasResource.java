package org.glance4j.http;

import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /v2/schemas/{image,images,member,members,task,tasks}}: one JSON schema document, straight from the
 * core's definitions (one resource per document).
 */
final class SchemasResource implements Resource {
    static final String ALLOW = "GET";

    private final Supplier<Map<String, Object>> document;

    /** @param document the schema this resource serves, e.g. {@code schemas::imageSchema} */
    SchemasResource(Supplier<Map<String, Object>> document) {
        this.document = document;
    }

    @Override
    public void handle(ApiRequest request) throws IOException {
        Resource.requireGet(request, ALLOW);
        Map<String, Object> schema = document.get();
        Responses.json(request.exchange(), 200, g -> Json.MAPPER.writeValue(g, schema));
    }
}
