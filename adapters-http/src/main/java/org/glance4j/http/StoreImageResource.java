package org.glance4j.http;

import org.glance4j.ports.in.ImageLocationService;

/** {@code DELETE /v2/stores/{store_id}/{image_id}}: removes an image's copy from one store (204). */
final class StoreImageResource implements Resource {
    static final String ALLOW = "DELETE";

    private final ImageLocationService locations;

    StoreImageResource(ImageLocationService locations) {
        this.locations = locations;
    }

    @Override
    public void handle(ApiRequest request) {
        if (!request.method().equals("DELETE")) {
            throw Resource.methodNotAllowed(request, ALLOW);
        }
        request.rejectBody();
        locations.deleteFromStore(request.context(), request.segment(1), request.segment(2));
        Responses.noContent(request.exchange());
    }
}
