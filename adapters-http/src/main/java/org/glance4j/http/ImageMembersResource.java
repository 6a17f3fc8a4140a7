package org.glance4j.http;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ImageMemberService;
import org.glance4j.ports.model.ImageMember;

/** {@code GET /v2/images/{id}/members} (the memberships the caller may see) and {@code POST} (offer the image). */
final class ImageMembersResource implements Resource {
    static final String ALLOW = "GET, POST";

    private final ImageMemberService members;

    ImageMembersResource(ImageMemberService members) {
        this.members = members;
    }

    @Override
    public void handle(ApiRequest request) throws IOException {
        String imageId = request.segment(1);
        switch (request.method()) {
            case "GET" -> list(request, imageId);
            case "POST" -> add(request, imageId);
            default -> throw Resource.methodNotAllowed(request, ALLOW);
        }
    }

    private void list(ApiRequest request, String imageId) throws IOException {
        request.rejectBody();
        List<ImageMember> list = members.list(request.context(), imageId);
        Responses.json(request.exchange(), 200, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("members");
            for (ImageMember member : list) {
                MemberJson.write(g, member);
            }
            g.writeEndArray();
            g.writeStringField("schema", MemberJson.MEMBERS_SCHEMA);
            g.writeEndObject();
        });
    }

    private void add(ApiRequest request, String imageId) throws IOException {
        String memberId = memberOf(JsonBodyParser.parse(request));
        ImageMember member = members.add(request.context(), imageId, memberId);
        Responses.json(request.exchange(), 200, g -> MemberJson.write(g, member));
    }

    /** The {@code member} of {@code {"member": "<project id>"}}, refused as Glance's deserializer refuses. */
    private static String memberOf(Object body) {
        if (!(body instanceof Map<?, ?> map)) {
            throw expectedForm();
        }
        if (!map.containsKey("member")) {
            throw GlanceException.invalid("Member to be added not specified");
        }
        Object member = map.get("member");
        if (member == null || "".equals(member) || Boolean.FALSE.equals(member)) {
            throw GlanceException.invalid("Member can't be empty");
        }
        if (!(member instanceof String id)) {
            throw expectedForm();
        }
        return id;
    }

    private static GlanceException expectedForm() {
        return GlanceException.invalid("Expected a member in the form: {\"member\": \"image_id\"}");
    }
}
