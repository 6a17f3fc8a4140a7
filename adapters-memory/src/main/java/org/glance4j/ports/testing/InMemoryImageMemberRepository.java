package org.glance4j.ports.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.ImageMember;
import org.glance4j.ports.out.ImageMemberRepository;

/**
 * A thread-safe, in-memory {@link ImageMemberRepository} for tests and embedders (module
 * {@code glance4j-adapters-memory}); it passes the contract kit {@code ImageRepositoryContractTest}. Memberships are kept in the
 * order they were added, which is the order {@link #listForImage(String)} answers in. Pass the same instance to
 * {@link InMemoryImageRepository} so that its list query sees these memberships.
 */
public final class InMemoryImageMemberRepository implements ImageMemberRepository {

    private final Map<Key, ImageMember> members = new LinkedHashMap<>();

    private record Key(String imageId, String memberId) {}

    @Override
    public synchronized void add(ImageMember member) {
        Key key = new Key(member.imageId(), member.memberId());
        if (members.containsKey(key)) {
            throw GlanceException.conflict(
                    "Member " + member.memberId() + " is duplicated for image " + member.imageId());
        }
        members.put(key, member);
    }

    @Override
    public synchronized Optional<ImageMember> find(String imageId, String memberId) {
        return Optional.ofNullable(members.get(new Key(imageId, memberId)));
    }

    @Override
    public synchronized void update(ImageMember member) {
        Key key = new Key(member.imageId(), member.memberId());
        ImageMember old = members.get(key);
        if (old == null) {
            throw GlanceException.notFound(
                    "Project " + member.memberId() + " is not a member of image " + member.imageId());
        }
        // Only the status and the updated time change; the rest stays as first stored.
        members.put(
                key,
                new ImageMember(old.imageId(), old.memberId(), member.status(), old.createdAt(), member.updatedAt()));
    }

    @Override
    public synchronized boolean remove(String imageId, String memberId) {
        return members.remove(new Key(imageId, memberId)) != null;
    }

    @Override
    public synchronized List<ImageMember> listForImage(String imageId) {
        List<ImageMember> result = new ArrayList<>();
        for (ImageMember m : members.values()) {
            if (m.imageId().equals(imageId)) {
                result.add(m);
            }
        }
        result.sort(java.util.Comparator.comparing(ImageMember::createdAt)); // stable: ties keep insertion order
        return result;
    }
}
