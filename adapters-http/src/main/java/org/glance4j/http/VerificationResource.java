package org.glance4j.http;

import java.io.IOException;
import java.util.Deque;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ImageVerificationService;
import org.glance4j.ports.model.ImageVerification;

/**
 * {@code GET /v2/verification}: the last verification result of every stored copy of every image verified so far
 * ({@code glance4j images verify} or the periodic verification), admin-only by the policy rule
 * {@code verify_images}; {@code ?status=ok|missing|short|corrupted|unreadable} keeps one status (another value is
 * 400). Each result names the image, the store, the status, when it was checked and what differs; the location
 * URL stays out, as a store's URL may carry more than an API should show.
 */
final class VerificationResource implements Resource {
    static final String ALLOW = "GET";

    private final ImageVerificationService verification;

    VerificationResource(ImageVerificationService verification) {
        this.verification = verification;
    }

    @Override
    public void handle(ApiRequest request) throws IOException {
        if (!request.method().equals("GET")) {
            throw Resource.methodNotAllowed(request, ALLOW);
        }
        request.rejectBody();
        var results = verification.lastResults(request.context(), status(request));
        Responses.json(request.exchange(), 200, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("verifications");
            for (ImageVerification result : results) {
                g.writeStartObject();
                g.writeStringField("image_id", result.imageId());
                g.writeStringField("store", result.storeId());
                g.writeStringField("status", result.status().wireName());
                g.writeStringField("checked_at", GlanceTime.format(result.checkedAt()));
                g.writeStringField("detail", result.detail());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static ImageVerification.Status status(ApiRequest request) {
        Deque<String> values = request.exchange().getQueryParameters().get("status");
        if (values == null || values.isEmpty()) {
            return null;
        }
        try {
            return ImageVerification.Status.fromWire(values.getLast());
        } catch (IllegalArgumentException e) {
            throw GlanceException.invalid("Invalid status value: " + values.getLast() + "; use ok, missing, short, "
                    + "corrupted or unreadable");
        }
    }
}
