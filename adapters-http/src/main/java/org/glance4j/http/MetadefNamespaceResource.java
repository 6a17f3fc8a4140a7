package org.glance4j.http;

import java.io.IOException;

import org.glance4j.ports.in.metadef.MetadefNamespaceService;

/**
 * {@code GET} (with {@code ?resource_type=} to prefix property names), {@code PUT} and {@code DELETE
 * /v2/metadefs/namespaces/{namespace}}.
 */
final class MetadefNamespaceResource implements Resource {
    static final String ALLOW = "GET, PUT, DELETE";

    private final MetadefNamespaceService namespaces;

    MetadefNamespaceResource(MetadefNamespaceService namespaces) {
        this.namespaces = namespaces;
    }

    @Override
    public void handle(ApiRequest request) throws IOException {
        String namespace = request.segment(2);
        switch (request.method()) {
            case "GET" -> {
                request.rejectBody();
                MetadefResponses.json(request, 200, namespaces.get(request.context(), namespace,
                        MetadefResponses.parameter(request, "resource_type")));
            }
            case "PUT" -> MetadefResponses.json(request, 200, namespaces.update(request.context(), namespace,
                    JsonBodyParser.parseObject(request)));
            case "DELETE" -> {
                request.rejectBody();
                namespaces.delete(request.context(), namespace);
                Responses.noContent(request.exchange());
            }
            default -> throw Resource.methodNotAllowed(request, ALLOW);
        }
    }
}
