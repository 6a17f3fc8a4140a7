package org.glance4j.http;

import java.io.IOException;
import java.util.Map;
import org.glance4j.ports.in.UsageService;

/**
 * {@code GET /v2/info/usage}: the caller's project usage against its unified limits, one object per limit with
 * {@code limit} and {@code usage}; {@code {"usage": {}}} when unified limits are off ({@code use_keystone_limits}).
 * Glance routes only GET here, so any other method finds no resource (404).
 */
final class InfoUsageResource implements Resource {

    private final UsageService usage;

    InfoUsageResource(UsageService usage) {
        this.usage = usage;
    }

    @Override
    public void handle(ApiRequest request) throws IOException {
        if (!request.method().equals("GET")) {
            throw HttpFailure.notFound();
        }
        Map<String, UsageService.ResourceUsage> usages = usage.usage(request.context());
        Responses.json(request.exchange(), 200, g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("usage");
            for (Map.Entry<String, UsageService.ResourceUsage> entry : usages.entrySet()) {
                g.writeObjectFieldStart(entry.getKey());
                g.writeNumberField("limit", entry.getValue().limit());
                g.writeNumberField("usage", entry.getValue().usage());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }
}
