package org.glance4j.http;

import io.undertow.util.HttpString;
import java.io.IOException;
import java.util.Map;
import org.glance4j.ports.in.ImportService;

/** {@code POST /v2/images/{id}/import}: starts an import and answers 202 without a body. */
final class ImageImportResource implements Resource {
    static final String ALLOW = "POST";
    static final HttpString STORE_HEADER = new HttpString("x-image-meta-store");

    private final ImportService importing;

    ImageImportResource(ImportService importing) {
        this.importing = importing;
    }

    @Override
    public void handle(ApiRequest request) throws IOException {
        if (!request.method().equals("POST")) {
            throw Resource.methodNotAllowed(request, ALLOW);
        }
        Map<String, Object> body = JsonBodyParser.parseObject(request);
        importing.importImage(request.context(), request.segment(1), body, request.header(STORE_HEADER));
        request.exchange().setStatusCode(202);
        request.exchange().getResponseHeaders().put(io.undertow.util.Headers.CONTENT_TYPE, "text/html; charset=UTF-8");
        request.exchange().getResponseHeaders().put(io.undertow.util.Headers.CONTENT_LENGTH, 0);
        request.exchange().endExchange();
    }
}
