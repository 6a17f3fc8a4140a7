package org.glance4j.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/** The image data a request streams in (upload or stage), counted for the access log and the metrics. */
final class ReceivedBytes {
    private static final AttachmentKey<UploadBodyStream> KEY = AttachmentKey.create(UploadBodyStream.class);

    private ReceivedBytes() {}

    /** Counts what {@code body} receives as this request's image data. */
    static void track(HttpServerExchange exchange, UploadBodyStream body) {
        exchange.putAttachment(KEY, body);
    }

    /** The bytes of image data received so far; 0 for a request without. */
    static long of(HttpServerExchange exchange) {
        UploadBodyStream body = exchange.getAttachment(KEY);
        return body == null ? 0 : body.received();
    }
}
