package org.glance4j.http;

import java.io.IOException;
import java.util.Map;

import org.glance4j.ports.in.SchemaService;

/** {@code GET /v2/schemas/{image,images,member,members}}, straight from the core's definitions. */
final class SchemasResource implements Resource {
    static final String ALLOW = "GET";

    /** The documents this resource serves. */
    enum Document { IMAGE, IMAGES, MEMBER, MEMBERS }

    private final SchemaService schemas;
    private final Document document;

    SchemasResource(SchemaService schemas, Document document) {
        this.schemas = schemas;
        this.document = document;
    }

    @Override
    public void handle(ApiRequest request) throws IOException {
        if (!request.method().equals("GET")) {
            throw Resource.methodNotAllowed(request, ALLOW);
        }
        request.rejectBody();
        Map<String, Object> schema = switch (document) {
            case IMAGE -> schemas.imageSchema();
            case IMAGES -> schemas.imagesSchema();
            case MEMBER -> schemas.memberSchema();
            case MEMBERS -> schemas.membersSchema();
        };
        Responses.json(request.exchange(), 200, g -> Json.MAPPER.writeValue(g, schema));
    }
}
