package org.glance4j.http;

import java.io.IOException;

import org.glance4j.ports.in.metadef.MetadefNamespaceService;
import org.glance4j.ports.in.metadef.MetadefPropertyService;

/**
 * {@code /v2/metadefs/namespaces/{namespace}/properties} ({@code GET}, {@code POST}, {@code DELETE} of them all)
 * and {@code .../properties/{name}} ({@code GET} with {@code ?resource_type=}, {@code PUT}, {@code DELETE}).
 */
final class MetadefPropertiesResource implements Resource {
    static final String ALLOW = "GET, POST, DELETE";
    static final String ALLOW_ITEM = "GET, PUT, DELETE";

    private final MetadefPropertyService properties;
    private final MetadefNamespaceService namespaces;
    private final boolean item;

    MetadefPropertiesResource(MetadefPropertyService properties, MetadefNamespaceService namespaces,
            boolean item) {
        this.properties = properties;
        this.namespaces = namespaces;
        this.item = item;
    }

    @Override
    public void handle(ApiRequest request) throws IOException {
        String namespace = request.segment(2);
        if (!item) {
            switch (request.method()) {
                case "GET" -> {
                    request.rejectBody();
                    MetadefResponses.json(request, 200, properties.list(request.context(), namespace));
                }
                case "POST" -> MetadefResponses.json(request, 201, properties.create(request.context(), namespace,
                        JsonBodyParser.parseObject(request)));
                case "DELETE" -> {
                    namespaces.deleteProperties(request.context(), namespace);
                    Responses.noContent(request.exchange());
                }
                default -> throw Resource.methodNotAllowed(request, ALLOW);
            }
            return;
        }
        String name = request.segment(4);
        switch (request.method()) {
            case "GET" -> MetadefResponses.json(request, 200, properties.get(request.context(), namespace, name,
                    MetadefResponses.parameter(request, "resource_type")));
            case "PUT" -> MetadefResponses.json(request, 200, properties.update(request.context(), namespace, name,
                    JsonBodyParser.parseObject(request)));
            case "DELETE" -> {
                properties.delete(request.context(), namespace, name);
                Responses.noContent(request.exchange());
            }
            default -> throw Resource.methodNotAllowed(request, ALLOW_ITEM);
        }
    }
}
