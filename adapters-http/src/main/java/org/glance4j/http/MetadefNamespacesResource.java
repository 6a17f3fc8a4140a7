package org.glance4j.http;

import io.undertow.util.Headers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.in.metadef.MetadefNamespacePage;
import org.glance4j.ports.in.metadef.MetadefNamespaceService;

/**
 * {@code GET /v2/metadefs/namespaces} (a page, with {@code first}, {@code schema} and, when full, {@code next}
 * links that keep the query and replace the marker) and {@code POST} (201 with {@code Location}).
 */
final class MetadefNamespacesResource implements Resource {
    static final String ALLOW = "GET, POST";
    private static final String COLLECTION = "/v2/metadefs/namespaces";

    private final MetadefNamespaceService namespaces;

    MetadefNamespacesResource(MetadefNamespaceService namespaces) {
        this.namespaces = namespaces;
    }

    @Override
    public void handle(ApiRequest request) throws IOException {
        switch (request.method()) {
            case "GET" -> list(request);
            case "POST" -> {
                Map<String, Object> created = namespaces.create(request.context(), JsonBodyParser.parseObject(request));
                request.exchange().getResponseHeaders().put(Headers.LOCATION, request.hostUrl() + created.get("self"));
                MetadefResponses.json(request, 201, created);
            }
            default -> throw Resource.methodNotAllowed(request, ALLOW);
        }
    }

    private void list(ApiRequest request) throws IOException {
        Map<String, List<String>> query = MetadefResponses.query(request);
        MetadefNamespacePage page = namespaces.list(request.context(), MetadefResponses.parameters(request));
        Map<String, List<String>> kept = new LinkedHashMap<>(query);
        kept.remove("marker");
        String keptQuery = UrlCodec.encodeQuery(kept);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("namespaces", page.namespaces());
        body.put("first", keptQuery.isEmpty() ? COLLECTION : COLLECTION + "?" + keptQuery);
        body.put("schema", "/v2/schemas/metadefs/namespaces");
        if (page.nextMarker() != null) {
            kept.put("marker", new ArrayList<>(List.of(page.nextMarker())));
            body.put("next", COLLECTION + "?" + UrlCodec.encodeQuery(kept));
        }
        MetadefResponses.json(request, 200, body);
    }
}
