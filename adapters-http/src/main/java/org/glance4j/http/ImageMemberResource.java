package org.glance4j.http;

import java.io.IOException;
import java.util.Map;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ImageMemberService;
import org.glance4j.ports.model.ImageMember;

/**
 * {@code GET}, {@code PUT} (the member's answer, {@code {"status": "accepted"}}) and {@code DELETE} of
 * {@code /v2/images/{id}/members/{member}}.
 */
final class ImageMemberResource implements Resource {
    static final String ALLOW = "GET, PUT, DELETE";

    private final ImageMemberService members;

    ImageMemberResource(ImageMemberService members) {
        this.members = members;
    }

    @Override
    public void handle(ApiRequest request) throws IOException {
        String imageId = request.segment(1);
        String memberId = request.segment(3);
        switch (request.method()) {
            case "GET" -> {
                request.rejectBody();
                ImageMember member = members.get(request.context(), imageId, memberId);
                Responses.json(request.exchange(), 200, g -> MemberJson.write(g, member));
            }
            case "PUT" -> {
                String status = statusOf(JsonBodyParser.parse(request));
                ImageMember member = members.update(request.context(), imageId, memberId, status);
                Responses.json(request.exchange(), 200, g -> MemberJson.write(g, member));
            }
            case "DELETE" -> {
                request.rejectBody();
                members.remove(request.context(), imageId, memberId);
                Responses.noContent(request.exchange());
            }
            default -> throw Resource.methodNotAllowed(request, ALLOW);
        }
    }

    /** The {@code status} of {@code {"status": "..."}}; a value that is not a string is passed on as its text. */
    private static String statusOf(Object body) {
        if (!(body instanceof Map<?, ?> map)) {
            throw GlanceException.invalid("Expected a status in the form: {\"status\": \"status\"}");
        }
        if (!map.containsKey("status")) {
            throw GlanceException.invalid("Status not specified");
        }
        return String.valueOf(map.get("status"));
    }
}
