package org.glance4j.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ImportService;

/**
 * {@code PUT /v2/images/{id}/stage}: streams the body into the staging area (204). Like Glance, a site without
 * glance-direct answers 404 before looking at the body, and a body that is not {@code application/octet-stream}
 * is 415. Digests the client states ({@link StatedDigestHeaders}) are checked by the core as the bytes arrive.
 */
final class ImageStageResource implements Resource {
    static final String ALLOW = "PUT";

    private final ImportService importing;

    ImageStageResource(ImportService importing) {
        this.importing = importing;
    }

    @Override
    public void handle(ApiRequest request) {
        if (!request.method().equals("PUT")) {
            throw Resource.methodNotAllowed(request, ALLOW);
        }
        if (!importing.enabledMethods().contains("glance-direct")) {
            throw GlanceException.notFound("'glance-direct' method is not available at this site.");
        }
        ImageFileResource.requireOctetStream(request.header(Headers.CONTENT_TYPE));
        long declaredSize = ImageFileResource.declaredSize(request);
        java.util.List<org.glance4j.ports.model.StatedDigest> stated =
                StatedDigestHeaders.of(request.exchange().getRequestHeaders());
        HttpServerExchange exchange = request.exchange();
        exchange.setMaxEntitySize(ApiRequest.NO_ENTITY_LIMIT); // the core enforces image_size_cap
        UploadBodyStream body = new UploadBodyStream(exchange.getRequestChannel(), ClientTimeout.nanos(exchange));
        ReceivedBytes.track(exchange, body);
        try {
            if (stated.isEmpty()) {
                importing.stage(request.context(), request.segment(1), body, declaredSize);
            } else {
                importing.stage(request.context(), request.segment(1), body, declaredSize, stated);
            }
        } catch (RuntimeException e) {
            if (body.failure() != null) {
                exchange.setPersistent(false);
                org.xnio.IoUtils.safeClose(exchange.getConnection());
                return;
            }
            throw e;
        }
        Responses.noContent(exchange);
    }
}
