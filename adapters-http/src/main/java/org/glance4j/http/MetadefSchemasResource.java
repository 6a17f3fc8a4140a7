package org.glance4j.http;

import java.io.IOException;
import org.glance4j.ports.in.metadef.MetadefSchemaService;

/** {@code GET /v2/schemas/metadefs/{name}}: the ten catalog schemas; any other name is 404. */
final class MetadefSchemasResource implements Resource {
    static final String ALLOW = "GET";

    private final MetadefSchemaService schemas;

    MetadefSchemasResource(MetadefSchemaService schemas) {
        this.schemas = schemas;
    }

    @Override
    public void handle(ApiRequest request) throws IOException {
        if (!request.method().equals("GET")) {
            throw Resource.methodNotAllowed(request, ALLOW);
        }
        request.rejectBody();
        MetadefResponses.json(request, 200, schemas.schema(request.segment(2)));
    }
}
