package org.glance4j.http;

import java.io.IOException;

/**
 * {@code GET /v2/info/usage}: the caller's project usage against its unified limits. glance4j has no unified limits
 * ({@code use_keystone_limits} off), so the answer is Glance's for that case, {@code {"usage": {}}}. Glance routes
 * only GET here, so any other method finds no resource (404).
 */
final class InfoUsageResource implements Resource {

    @Override
    public void handle(ApiRequest request) throws IOException {
        if (!request.method().equals("GET")) {
            throw HttpFailure.notFound();
        }
        Responses.json(request.exchange(), 200, g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("usage");
            g.writeEndObject();
            g.writeEndObject();
        });
    }
}
