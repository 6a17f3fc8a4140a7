package org.glance4j.http;

import java.util.Set;
import org.glance4j.ports.in.ImageActionService;

/** {@code POST /v2/images/{id}/actions/deactivate} and {@code /reactivate}: 204, no body either way. */
final class ImageActionsResource implements Resource {
    static final Set<String> ACTIONS = Set.of("deactivate", "reactivate");
    static final String ALLOW = "POST";

    private final ImageActionService actions;

    ImageActionsResource(ImageActionService actions) {
        this.actions = actions;
    }

    @Override
    public void handle(ApiRequest request) {
        if (!request.method().equals("POST")) {
            throw Resource.methodNotAllowed(request, ALLOW);
        }
        request.rejectBody();
        String imageId = request.segment(1);
        if (request.segment(3).equals("deactivate")) {
            actions.deactivate(request.context(), imageId);
        } else {
            actions.reactivate(request.context(), imageId);
        }
        Responses.noContent(request.exchange());
    }
}
