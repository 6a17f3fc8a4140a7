package org.glance4j.http;

import java.io.IOException;
import java.util.Map;
import org.glance4j.ports.in.ImageLocationService;

/**
 * {@code POST /v2/images/{id}/locations} (API 2.17: adds the location of a queued image; 202 without a body) and
 * {@code GET /v2/images/{id}/locations} (the locations with their metadata, for the service role).
 */
final class ImageLocationsResource implements Resource {
    static final String ALLOW = "GET, POST";

    private final ImageLocationService locations;

    ImageLocationsResource(ImageLocationService locations) {
        this.locations = locations;
    }

    @Override
    public void handle(ApiRequest request) throws IOException {
        String imageId = request.segment(1);
        switch (request.method()) {
            case "POST" -> {
                Map<String, Object> body = JsonBodyParser.parseObject(request);
                locations.addLocation(request.context(), imageId, body);
                Responses.send(request.exchange(), 202, "text/html; charset=UTF-8", java.nio.ByteBuffer.allocate(0));
            }
            case "GET" -> {
                request.rejectBody();
                var list = locations.locations(request.context(), imageId);
                Responses.json(request.exchange(), 200, g -> ImageJson.writeLocations(g, null, list));
            }
            default -> throw Resource.methodNotAllowed(request, ALLOW);
        }
    }
}
