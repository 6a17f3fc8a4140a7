package org.glance4j.http;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.glance4j.ports.model.ImageMember;

/** The JSON of an image member, in Glance's field order. */
final class MemberJson {
    static final String MEMBER_SCHEMA = "/v2/schemas/member";
    static final String MEMBERS_SCHEMA = "/v2/schemas/members";

    private MemberJson() {}

    static void write(JsonGenerator g, ImageMember member) throws IOException {
        g.writeStartObject();
        g.writeStringField("member_id", member.memberId());
        g.writeStringField("image_id", member.imageId());
        g.writeStringField("status", member.status().wireName());
        g.writeStringField("created_at", GlanceTime.format(member.createdAt()));
        g.writeStringField("updated_at", GlanceTime.format(member.updatedAt()));
        g.writeStringField("schema", MEMBER_SCHEMA);
        g.writeEndObject();
    }
}
