package org.glance4j.ports.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.error.StaleRevisionException;
import org.glance4j.ports.model.BulkAddResult;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageField;
import org.glance4j.ports.model.ImageMember;
import org.glance4j.ports.model.ImageQuery;
import org.glance4j.ports.model.ImageQuery.Condition;
import org.glance4j.ports.model.ImageQuery.PropertyCondition;
import org.glance4j.ports.model.ImageQuery.SortOrder;
import org.glance4j.ports.model.ImageQuery.Viewer;
import org.glance4j.ports.model.ImageWithMembers;
import org.glance4j.ports.model.Visibility;
import org.glance4j.ports.out.ImageRepository;

/**
 * A thread-safe, in-memory {@link ImageRepository} that evaluates {@link ImageQuery} literally as its Javadoc
 * defines it. The list query reads memberships from the {@link InMemoryImageMemberRepository} given to the
 * constructor. Comparisons follow SQL: a condition on a field whose value is {@code null} never holds.
 *
 * <p>For tests and embedders (module {@code glance4j-adapters-memory}): it passes the contract kit
 * {@code ImageRepositoryContractTest} that the JDBC repositories pass, and forgets everything when dropped. Every
 * method holds the lock of the instance (a list also that of the member repository).
 */
public final class InMemoryImageRepository implements ImageRepository {

    private final Map<String, Image> images = new HashMap<>();
    private final InMemoryImageMemberRepository members;

    public InMemoryImageRepository(InMemoryImageMemberRepository members) {
        this.members = Objects.requireNonNull(members, "members");
    }

    @Override
    public synchronized void add(Image image) {
        if (images.containsKey(image.id())) {
            throw GlanceException.conflict("An image with identifier " + image.id() + " already exists");
        }
        images.put(image.id(), image);
    }

    /** Holds this repository and its memberships for the whole call, so that nobody sees half of it. */
    @Override
    public BulkAddResult addAllAbsent(List<ImageWithMembers> batch) {
        java.util.Set<String> ids = new HashSet<>();
        for (ImageWithMembers entry : batch) {
            if (!ids.add(entry.image().id())) {
                throw new IllegalArgumentException("image " + entry.image().id() + " is twice in the batch");
            }
        }
        synchronized (this) {
            synchronized (members) {
                List<String> added = new ArrayList<>();
                List<String> present = new ArrayList<>();
                List<ImageMember> membersAdded = new ArrayList<>();
                for (ImageWithMembers entry : batch) {
                    String id = entry.image().id();
                    if (images.containsKey(id)) {
                        present.add(id);
                    } else {
                        images.put(id, entry.image());
                        added.add(id);
                    }
                    for (ImageMember member : entry.members()) {
                        if (members.find(id, member.memberId()).isEmpty()) {
                            members.add(member);
                            membersAdded.add(member);
                        }
                    }
                }
                return new BulkAddResult(added, present, membersAdded);
            }
        }
    }

    @Override
    public synchronized Optional<Image> find(String id) {
        return Optional.ofNullable(images.get(id));
    }

    @Override
    public synchronized Image update(Image image) {
        Image stored = images.get(image.id());
        if (stored == null) {
            throw GlanceException.notFound("No image found with ID " + image.id());
        }
        if (stored.revision() != image.revision()) {
            throw new StaleRevisionException("Image " + image.id() + " was changed by someone else (revision "
                    + stored.revision() + ", not " + image.revision() + ")");
        }
        Image next = image.toBuilder().revision(image.revision() + 1).build();
        images.put(next.id(), next);
        return next;
    }

    @Override
    public List<Image> list(ImageQuery query) {
        List<Image> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(images.values());
        }
        Comparator<Image> order = comparator(query.sort());
        List<Image> matching = new ArrayList<>();
        for (Image image : snapshot) {
            if (isCandidate(image, query)
                    && passesVisibilityFilter(image, query)
                    && matchesConditions(image, query)
                    && (query.marker() == null || order.compare(image, query.marker()) > 0)) {
                matching.add(image);
            }
        }
        matching.sort(order);
        return List.copyOf(matching.subList(0, Math.min(query.limit(), matching.size())));
    }

    private boolean isCandidate(Image image, ImageQuery query) {
        if (image.isDeleted()) {
            return false;
        }
        Viewer viewer = query.viewer();
        if (viewer.admin()) {
            return true;
        }
        if (image.visibility() == Visibility.PUBLIC || image.visibility() == Visibility.COMMUNITY) {
            return true;
        }
        if (viewer.projectId() == null) {
            return false;
        }
        if (viewer.projectId().equals(image.owner())) {
            return true;
        }
        if (image.visibility() != Visibility.SHARED) {
            return false;
        }
        Optional<ImageMember> membership = members.find(image.id(), viewer.projectId());
        return membership.isPresent()
                && (query.memberStatus() == null || membership.get().status() == query.memberStatus());
    }

    private static boolean passesVisibilityFilter(Image image, ImageQuery query) {
        String viewerProject = query.viewer().projectId();
        return switch (query.visibility()) {
            case ALL -> true;
            case DEFAULT ->
                image.visibility() != Visibility.COMMUNITY
                        || (viewerProject != null && viewerProject.equals(image.owner()));
            case PUBLIC -> image.visibility() == Visibility.PUBLIC;
            case COMMUNITY -> image.visibility() == Visibility.COMMUNITY;
            case SHARED -> image.visibility() == Visibility.SHARED;
            case PRIVATE -> image.visibility() == Visibility.PRIVATE;
        };
    }

    private static boolean matchesConditions(Image image, ImageQuery query) {
        for (Condition c : query.conditions()) {
            if (!holds(c, fieldValue(image, c.field()))) {
                return false;
            }
        }
        for (PropertyCondition p : query.propertyConditions()) {
            String value = image.properties().get(p.key());
            if (value == null || !p.values().contains(value)) {
                return false;
            }
        }
        if (!image.tags().containsAll(query.tags())) {
            return false;
        }
        return query.osHidden() == null || image.osHidden() == query.osHidden();
    }

    @SuppressWarnings("rawtypes")
    private static boolean holds(Condition condition, Comparable actual) {
        if (actual == null) {
            return false;
        }
        if (condition.op() == ImageQuery.Operator.IN) {
            return condition.values().stream().anyMatch(v -> v != null && compare(actual, v) == 0);
        }
        Object expected = condition.values().get(0);
        if (expected == null) {
            return false;
        }
        int cmp = compare(actual, expected);
        return switch (condition.op()) {
            case EQ -> cmp == 0;
            case NEQ -> cmp != 0;
            case GT -> cmp > 0;
            case GTE -> cmp >= 0;
            case LT -> cmp < 0;
            case LTE -> cmp <= 0;
            case IN -> throw new IllegalStateException("handled above");
        };
    }

    /** Compares a field value with a condition value, tolerating any integer type and enum wire names. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Comparable actual, Object expected) {
        if (actual instanceof Number a && expected instanceof Number b) {
            return Long.compare(a.longValue(), b.longValue());
        }
        Object normalized = expected;
        if (expected instanceof org.glance4j.ports.model.ImageStatus s) {
            normalized = s.wireName();
        } else if (expected instanceof Visibility v) {
            normalized = v.wireName();
        }
        return actual.compareTo(normalized);
    }

    /** The value of a base field, typed as {@link ImageQuery.Condition} documents. */
    @SuppressWarnings("rawtypes")
    static Comparable fieldValue(Image image, ImageField field) {
        return field.valueIn(image);
    }

    /** The total order of the query: each key in turn, {@code null} below every value, then the direction. */
    private static Comparator<Image> comparator(List<SortOrder> sort) {
        return (a, b) -> {
            for (SortOrder s : sort) {
                int cmp = compareNullsFirst(fieldValue(a, s.field()), fieldValue(b, s.field()));
                if (cmp != 0) {
                    return s.ascending() ? cmp : -cmp;
                }
            }
            return 0;
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareNullsFirst(Comparable x, Comparable y) {
        if (x == null || y == null) {
            return x == null ? (y == null ? 0 : -1) : 1;
        }
        return x.compareTo(y);
    }
}
