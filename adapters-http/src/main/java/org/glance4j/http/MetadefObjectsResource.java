package org.glance4j.http;

import java.io.IOException;

import org.glance4j.ports.in.metadef.MetadefNamespaceService;
import org.glance4j.ports.in.metadef.MetadefObjectService;

/**
 * {@code /v2/metadefs/namespaces/{namespace}/objects} ({@code GET}, {@code POST}, {@code DELETE} of them all) and
 * {@code .../objects/{name}} ({@code GET}, {@code PUT}, {@code DELETE}).
 */
final class MetadefObjectsResource implements Resource {
    static final String ALLOW_COLLECTION = "GET, POST, DELETE";
    static final String ALLOW_ITEM = "GET, PUT, DELETE";

    private final MetadefObjectService objects;
    private final MetadefNamespaceService namespaces;
    private final boolean item;

    MetadefObjectsResource(MetadefObjectService objects, MetadefNamespaceService namespaces, boolean item) {
        this.objects = objects;
        this.namespaces = namespaces;
        this.item = item;
    }

    @Override
    public void handle(ApiRequest request) throws IOException {
        String namespace = request.segment(2);
        if (!item) {
            switch (request.method()) {
                case "GET" -> MetadefResponses.json(request, 200, objects.list(request.context(), namespace,
                        MetadefResponses.parameters(request)));
                case "POST" -> MetadefResponses.json(request, 201, objects.create(request.context(), namespace,
                        JsonBodyParser.parseObject(request)));
                case "DELETE" -> {
                    namespaces.deleteObjects(request.context(), namespace);
                    Responses.noContent(request.exchange());
                }
                default -> throw Resource.methodNotAllowed(request, ALLOW_COLLECTION);
            }
            return;
        }
        String name = request.segment(4);
        switch (request.method()) {
            case "GET" -> {
                request.rejectBody();
                MetadefResponses.json(request, 200, objects.get(request.context(), namespace, name));
            }
            case "PUT" -> MetadefResponses.json(request, 200, objects.update(request.context(), namespace, name,
                    JsonBodyParser.parseObject(request)));
            case "DELETE" -> {
                request.rejectBody();
                objects.delete(request.context(), namespace, name);
                Responses.noContent(request.exchange());
            }
            default -> throw Resource.methodNotAllowed(request, ALLOW_ITEM);
        }
    }
}
