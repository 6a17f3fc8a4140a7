package org.glance4j.http;

import java.io.IOException;

import org.glance4j.ports.in.metadef.MetadefResourceTypeService;

/**
 * {@code GET /v2/metadefs/resource_types} (every type; nothing else: types come with associations), a namespace's
 * associations ({@code GET} and {@code POST .../namespaces/{namespace}/resource_types}) and {@code DELETE} of one.
 */
final class MetadefResourceTypesResource implements Resource {

    /** Which of the three paths this instance serves. */
    enum Path {
        ALL("GET"), OF_NAMESPACE("GET, POST"), ASSOCIATION("DELETE");

        final String allow;

        Path(String allow) {
            this.allow = allow;
        }
    }

    private final MetadefResourceTypeService types;
    private final Path path;

    MetadefResourceTypesResource(MetadefResourceTypeService types, Path path) {
        this.types = types;
        this.path = path;
    }

    @Override
    public void handle(ApiRequest request) throws IOException {
        String method = request.method();
        switch (path) {
            case ALL -> {
                if (!method.equals("GET")) {
                    throw Resource.methodNotAllowed(request, path.allow);
                }
                request.rejectBody();
                MetadefResponses.json(request, 200, types.list(request.context()));
            }
            case OF_NAMESPACE -> {
                String namespace = request.segment(2);
                if (method.equals("GET")) {
                    request.rejectBody();
                    MetadefResponses.json(request, 200, types.listAssociations(request.context(), namespace));
                } else if (method.equals("POST")) {
                    MetadefResponses.json(request, 201, types.associate(request.context(), namespace,
                            JsonBodyParser.parseObject(request)));
                } else {
                    throw Resource.methodNotAllowed(request, path.allow);
                }
            }
            case ASSOCIATION -> {
                if (!method.equals("DELETE")) {
                    throw Resource.methodNotAllowed(request, path.allow);
                }
                request.rejectBody();
                types.dissociate(request.context(), request.segment(2), request.segment(4));
                Responses.noContent(request.exchange());
            }
        }
    }
}
