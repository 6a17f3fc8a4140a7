package org.glance4j.http;

import java.io.IOException;

import org.glance4j.ports.in.metadef.MetadefNamespaceService;
import org.glance4j.ports.in.metadef.MetadefTagService;

/**
 * {@code /v2/metadefs/namespaces/{namespace}/tags} ({@code GET}, {@code POST} of several, replacing the existing
 * ones unless {@code X-Openstack-Append} is true, {@code DELETE} of them all) and {@code .../tags/{name}}
 * ({@code GET}, {@code POST} without body, {@code PUT} to rename, {@code DELETE}).
 */
final class MetadefTagsResource implements Resource {
    static final String ALLOW = "GET, POST, DELETE";
    static final String ALLOW_ITEM = "GET, POST, PUT, DELETE";

    private final MetadefTagService tags;
    private final MetadefNamespaceService namespaces;
    private final boolean item;

    MetadefTagsResource(MetadefTagService tags, MetadefNamespaceService namespaces, boolean item) {
        this.tags = tags;
        this.namespaces = namespaces;
        this.item = item;
    }

    @Override
    public void handle(ApiRequest request) throws IOException {
        String namespace = request.segment(2);
        if (!item) {
            switch (request.method()) {
                case "GET" -> MetadefResponses.json(request, 200, tags.list(request.context(), namespace,
                        MetadefResponses.parameters(request)));
                case "POST" -> MetadefResponses.json(request, 201, tags.createMany(request.context(), namespace,
                        JsonBodyParser.parseObject(request), MetadefResponses.append(request)));
                case "DELETE" -> {
                    namespaces.deleteTags(request.context(), namespace);
                    Responses.noContent(request.exchange());
                }
                default -> throw Resource.methodNotAllowed(request, ALLOW);
            }
            return;
        }
        String name = request.segment(4);
        switch (request.method()) {
            case "GET" -> {
                request.rejectBody();
                MetadefResponses.json(request, 200, tags.get(request.context(), namespace, name));
            }
            case "POST" -> {
                request.rejectBody();
                MetadefResponses.json(request, 201, tags.create(request.context(), namespace, name));
            }
            case "PUT" -> MetadefResponses.json(request, 200, tags.update(request.context(), namespace, name,
                    JsonBodyParser.parseObject(request)));
            case "DELETE" -> {
                request.rejectBody();
                tags.delete(request.context(), namespace, name);
                Responses.noContent(request.exchange());
            }
            default -> throw Resource.methodNotAllowed(request, ALLOW_ITEM);
        }
    }
}
