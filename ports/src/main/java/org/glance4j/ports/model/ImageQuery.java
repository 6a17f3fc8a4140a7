package org.glance4j.ports.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fully resolved request for one page of images, as a repository receives it. The core builds it from the
 * client's parameters after validating them; a repository only has to evaluate it.
 *
 * <h2>Who sees what</h2>
 * Deleted images never match. When {@code viewer.admin()} is true every other image is a candidate. Otherwise an
 * image is a candidate when it is public, community, owned by {@code viewer.projectId()}, or shared with that
 * project through a membership that matches {@code memberStatus} ({@code null} means any status); membership
 * only counts for images whose visibility is {@code shared}. Then {@link VisibilityFilter} narrows: {@code DEFAULT}
 * drops community images not owned by the viewer (and all community images when the viewer has no project),
 * {@code ALL} keeps every candidate, and a named visibility keeps only images with that visibility.
 *
 * <h2>Conditions</h2>
 * Every {@link Condition}, every {@link PropertyCondition}, every tag and {@code osHidden} (when not null) must
 * hold. Images carrying all of {@code tags} match.
 *
 * <h2>Order and paging</h2>
 * Images come back sorted by {@code sort}, whose last entry is always {@link ImageField#ID} so the order is
 * total. {@code null} is the smallest value: it comes first in an ascending sort and last in a descending one (as
 * SQLite and MySQL order it; PostgreSQL needs {@code NULLS FIRST}/{@code NULLS LAST} spelt out). A condition on a
 * field that is {@code null} never holds, whatever the operator. When {@code marker} is not null only images strictly after it in
 * that order are returned (keyset paging: the marker need not match the filters). At most {@code limit} images
 * are returned; {@code limit} zero returns none.
 *
 * <h2>Cancellation</h2>
 * A repository that can stop a running query registers that with {@code cancellation} for the time the query runs;
 * a cancelled query fails with an {@link org.glance4j.ports.error.GlanceException} of category {@code UNAVAILABLE}.
 */
public record ImageQuery(
        Viewer viewer,
        VisibilityFilter visibility,
        MemberStatus memberStatus,
        List<Condition> conditions,
        List<PropertyCondition> propertyConditions,
        List<String> tags,
        Boolean osHidden,
        List<SortOrder> sort,
        Image marker,
        int limit,
        Cancellation cancellation) {

    public ImageQuery {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(visibility, "visibility");
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        propertyConditions = propertyConditions == null ? List.of() : List.copyOf(propertyConditions);
        tags = tags == null ? List.of() : List.copyOf(tags);
        sort = sort == null || sort.isEmpty() ? List.of(new SortOrder(ImageField.ID, false)) : List.copyOf(sort);
        if (sort.get(sort.size() - 1).field() != ImageField.ID) {
            throw new IllegalArgumentException("the last sort key must be id, so that the order is total");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        cancellation = cancellation == null ? Cancellation.never() : cancellation;
    }

    /** A query that is never cancelled. */
    public ImageQuery(
            Viewer viewer,
            VisibilityFilter visibility,
            MemberStatus memberStatus,
            List<Condition> conditions,
            List<PropertyCondition> propertyConditions,
            List<String> tags,
            Boolean osHidden,
            List<SortOrder> sort,
            Image marker,
            int limit) {
        this(
                viewer,
                visibility,
                memberStatus,
                conditions,
                propertyConditions,
                tags,
                osHidden,
                sort,
                marker,
                limit,
                Cancellation.never());
    }

    /** Who is listing. {@code projectId} may be null (an unscoped caller). */
    public record Viewer(String projectId, boolean admin) {}

    /** The {@code visibility} filter of Glance's list call. */
    public enum VisibilityFilter {
        DEFAULT,
        ALL,
        PUBLIC,
        COMMUNITY,
        SHARED,
        PRIVATE
    }

    /** Comparison operators of Glance's list filters. {@code IN} takes one or more values, the rest exactly one. */
    public enum Operator {
        EQ,
        NEQ,
        GT,
        GTE,
        LT,
        LTE,
        IN
    }

    /**
     * A condition on a base field. Values are typed by field: {@link String} for text fields and {@code status},
     * {@code visibility}; {@link Long} for sizes; {@link Integer} for min_disk and min_ram;
     * {@link java.time.Instant} for created_at and updated_at; {@link Boolean} for protected and os_hidden.
     */
    public record Condition(ImageField field, Operator op, List<Object> values) {
        public Condition {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
            values = List.copyOf(values);
            if (values.isEmpty() || (op != Operator.IN && values.size() != 1)) {
                throw new IllegalArgumentException(
                        op + " takes " + (op == Operator.IN ? "one or more values" : "one value"));
            }
        }

        public static Condition of(ImageField field, Operator op, Object value) {
            return new Condition(field, op, List.of(value));
        }
    }

    /** A condition on a custom property: {@code EQ} with one value or {@code IN} with several. */
    public record PropertyCondition(String key, Operator op, List<String> values) {
        public PropertyCondition {
            Objects.requireNonNull(key, "key");
            values = List.copyOf(values);
            if (op != Operator.EQ && op != Operator.IN) {
                throw new IllegalArgumentException("custom properties take eq or in, not " + op);
            }
            if (values.isEmpty() || (op == Operator.EQ && values.size() != 1)) {
                throw new IllegalArgumentException("wrong number of values for " + op);
            }
        }
    }

    /** One sort key and its direction. */
    public record SortOrder(ImageField field, boolean ascending) {
        public SortOrder {
            Objects.requireNonNull(field, "field");
        }
    }

    /** Convenience for tests and embedders: a query with a map of property equalities. */
    public static List<PropertyCondition> propertyEquals(Map<String, String> properties) {
        return properties.entrySet().stream()
                .map(e -> new PropertyCondition(e.getKey(), Operator.EQ, List.of(e.getValue())))
                .toList();
    }
}
