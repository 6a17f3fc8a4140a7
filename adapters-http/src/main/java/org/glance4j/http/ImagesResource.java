package org.glance4j.http;

import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.in.ImageList;
import org.glance4j.ports.in.ImageService;
import org.glance4j.ports.in.ImportService;
import org.glance4j.ports.in.ListParameters;
import org.glance4j.ports.model.Image;

/**
 * {@code GET /v2/images} (one page of the list, with {@code first} and, when there may be more, {@code next}
 * links that keep the query and replace the marker) and {@code POST /v2/images} (201 with {@code Location}).
 */
final class ImagesResource implements Resource {
    static final String ALLOW = "GET, POST";
    private static final String COLLECTION = "/v2/images";

    static final HttpString STORE_IDS_HEADER = new HttpString("OpenStack-image-store-ids");
    static final HttpString IMPORT_METHODS = new HttpString("OpenStack-image-import-methods");

    private final ImageService images;
    private final ImageView view;
    private final List<String> storeIds;
    private final ImportService importing;

    ImagesResource(ImageService images) {
        this(images, ImageView.PLAIN, List.of(), null);
    }

    /**
     * With {@code storeIds} listed in {@code OpenStack-image-store-ids} on create (none: no header), and with
     * {@code importing} (may be null) naming the enabled import methods, as Glance's create answer does.
     */
    ImagesResource(ImageService images, ImageView view, List<String> storeIds, ImportService importing) {
        this.images = images;
        this.view = view;
        this.storeIds = List.copyOf(storeIds);
        this.importing = importing;
    }

    @Override
    public void handle(ApiRequest request) throws IOException {
        switch (request.method()) {
            case "GET" -> list(request);
            case "POST" -> create(request);
            default -> throw Resource.methodNotAllowed(request, ALLOW);
        }
    }

    private void create(ApiRequest request) throws IOException {
        Map<String, Object> body = JsonBodyParser.parseObject(request);
        Image image = images.create(request.context(), body);
        request.exchange().getResponseHeaders().put(Headers.LOCATION, request.hostUrl() + ImageJson.href(image));
        if (importing != null && !importing.enabledMethods().isEmpty()) {
            request.exchange().getResponseHeaders().put(IMPORT_METHODS, String.join(",", importing.enabledMethods()));
        }
        if (!storeIds.isEmpty()) {
            request.exchange().getResponseHeaders().put(STORE_IDS_HEADER, String.join(",", storeIds));
        }
        Responses.json(request.exchange(), 201, g -> ImageJson.write(g, image, view));
    }

    private void list(ApiRequest request) throws IOException {
        Map<String, List<String>> query = UrlCodec.parseQuery(request.exchange().getQueryString());
        ImageList page;
        // A list may run long in the database: when the client leaves, its statement is cancelled.
        try (ClientDisconnectWatch watch = ClientDisconnectWatch.start(request.exchange())) {
            page = images.list(request.context().withCancellation(watch.cancellation()), new ListParameters(query));
        }
        Map<String, List<String>> kept = new LinkedHashMap<>(query);
        kept.remove("marker");
        String keptQuery = UrlCodec.encodeQuery(kept);
        String next = null;
        if (page.nextMarker() != null) {
            kept.put("marker", new ArrayList<>(List.of(page.nextMarker())));
            next = COLLECTION + "?" + UrlCodec.encodeQuery(kept);
        }
        String first = keptQuery.isEmpty() ? COLLECTION : COLLECTION + "?" + keptQuery;
        String nextLink = next;
        Responses.json(request.exchange(), 200, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("images");
            for (Image image : page.images()) {
                ImageJson.write(g, image, view);
            }
            g.writeEndArray();
            g.writeStringField("first", first);
            g.writeStringField("schema", ImageJson.IMAGES_SCHEMA);
            if (nextLink != null) {
                g.writeStringField("next", nextLink);
            }
            g.writeEndObject();
        });
    }
}
