package org.glance4j.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.glance4j.ports.in.ImageMemberService;
import org.glance4j.ports.model.ImageMember;
import org.glance4j.ports.model.MemberStatus;
import org.glance4j.ports.model.RequestContext;

/**
 * A hand-written {@link ImageMemberService} that records calls as {@code add imageId memberId} and answers with a
 * pending membership created at a fixed instant.
 */
final class FakeMemberService implements ImageMemberService {
    static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");

    final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    @Override
    public List<ImageMember> list(RequestContext context, String imageId) {
        calls.add("list " + imageId);
        return List.of(member(imageId, "p1", MemberStatus.ACCEPTED), member(imageId, "p2", MemberStatus.PENDING));
    }

    @Override
    public ImageMember get(RequestContext context, String imageId, String memberId) {
        calls.add("get " + imageId + " " + memberId);
        return member(imageId, memberId, MemberStatus.PENDING);
    }

    @Override
    public ImageMember add(RequestContext context, String imageId, String memberId) {
        calls.add("add " + imageId + " " + memberId);
        return member(imageId, memberId, MemberStatus.PENDING);
    }

    @Override
    public ImageMember update(RequestContext context, String imageId, String memberId, String status) {
        calls.add("update " + imageId + " " + memberId + " " + status);
        return member(
                imageId,
                memberId,
                MemberStatus.fromWire(status) == null ? MemberStatus.PENDING : MemberStatus.fromWire(status));
    }

    @Override
    public void remove(RequestContext context, String imageId, String memberId) {
        calls.add("remove " + imageId + " " + memberId);
    }

    private static ImageMember member(String imageId, String memberId, MemberStatus status) {
        return new ImageMember(imageId, memberId, status, CREATED, CREATED);
    }
}
