package org.glance4j.http;

import java.io.IOException;
import java.util.Map;

import org.glance4j.ports.in.SchemaService;

/** {@code GET /v2/schemas/image} and {@code GET /v2/schemas/images}, straight from the core's definitions. */
final class SchemasResource implements Resource {
    static final String ALLOW = "GET";

    private final SchemaService schemas;
    private final boolean single;

    SchemasResource(SchemaService schemas, boolean single) {
        this.schemas = schemas;
        this.single = single;
    }

    @Override
    public void handle(ApiRequest request) throws IOException {
        if (!request.method().equals("GET")) {
            throw Resource.methodNotAllowed(request, ALLOW);
        }
        request.rejectBody();
        Map<String, Object> schema = single ? schemas.imageSchema() : schemas.imagesSchema();
        Responses.json(request.exchange(), 200, g -> Json.MAPPER.writeValue(g, schema));
    }
}
