package org.glance4j.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageQuery;
import org.glance4j.ports.model.ImageQuery.Condition;
import org.glance4j.ports.model.ImageQuery.PropertyCondition;
import org.glance4j.ports.model.ImageQuery.SortOrder;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.Visibility;

/**
 * Translates an {@link ImageQuery} into one SELECT over {@code images} with positional parameters: visibility,
 * conditions, ordering with null as the smallest value, and keyset paging from the marker's sort values. For a viewer
 * who is not an administrator it is a {@code UNION ALL} of one page per kind of access (see {@link Access}). Where the
 * dialect {@linkplain Dialect#extrasInImageQueries() allows it}, the same statement also selects each image's tags and
 * properties.
 *
 * <p>A condition never holds for a column that is null (SQL's rule, and Glance's): {@code name NEQ x} leaves out
 * images without a name.
 *
 * <p>Custom property keys and tags are matched in one of two ways, chosen by their number. Up to
 * {@link #EXISTS_LIMIT} of them, each is one {@code EXISTS} that looks the key up by the image's primary key, so a
 * page of 25 among a million images reads a few hundred rows. Beyond it, all property conditions together become
 * one subquery, and all tags another: the ids of the images having as many matching rows as there are conditions
 * ({@code GROUP BY image_id HAVING COUNT(*) = n}, the primary keys making each row count once), whose planning and
 * running grows linearly with the rows and conditions, where hundreds of {@code EXISTS} made PostgreSQL's planner
 * search the join order of hundreds of semi-joins for minutes. The grouped form reads every row of the table, so it
 * is kept for the many-conditions case (on SQLite, one filter over 30,000 images: 0.2 ms as an {@code EXISTS}, 48 ms
 * grouped).
 */
final class ImageListSql {
    /** Most property keys (and, separately, tags) matched with one {@code EXISTS} each. */
    static final int EXISTS_LIMIT = 4;

    private final Dialect dialect;
    private final StringBuilder sql = new StringBuilder(512);
    private final List<Object> arguments = new ArrayList<>();

    private ImageListSql(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The statement text. */
    String sql() {
        return sql.toString();
    }

    /** The values of its {@code ?} parameters, in order. */
    List<Object> arguments() {
        return Collections.unmodifiableList(arguments);
    }

    static ImageListSql of(ImageQuery query, Dialect dialect) {
        ImageListSql statement = new ImageListSql(dialect);
        statement.build(query);
        return statement;
    }

    private void build(ImageQuery query) {
        String selectList =
                dialect.extrasInImageQueries() ? ImageColumns.selectListWithExtras(dialect) : ImageColumns.SELECT_LIST;
        if (query.viewer().admin()) {
            selectFromImages(selectList);
            visibilityFilter(query);
            filtersOrderAndLimit(query);
            return;
        }
        List<Access> branches = Access.branchesFor(query);
        if (branches.size() <= 1) {
            selectFromImages(selectList);
            if (branches.isEmpty()) {
                sql.append(" AND 1 = 0"); // a viewer without project asking for shared or private images
            } else {
                branches.get(0).condition(this, query);
            }
            filtersOrderAndLimit(query);
            return;
        }
        // One branch per kind of access, each a page of its own read in the sort order (from an index where one
        // fits), then the best page of their union. The branches are disjoint, so no image comes twice.
        sql.append("SELECT ").append(selectList).append(" FROM (");
        for (int k = 0; k < branches.size(); k++) {
            sql.append(k == 0 ? "" : " UNION ALL ").append("SELECT * FROM (");
            selectFromImages(ImageColumns.SELECT_LIST);
            branches.get(k).condition(this, query);
            filtersOrderAndLimit(query);
            sql.append(") b").append(k);
        }
        sql.append(") i");
        orderBy(query.sort());
        sql.append(" LIMIT ?");
        arguments.add(query.limit());
    }

    /** {@code SELECT selectList FROM images i WHERE} the image is not deleted. */
    private void selectFromImages(String selectList) {
        sql.append("SELECT ").append(selectList).append(" FROM images i WHERE i.status <> ?");
        arguments.add(ImageStatus.DELETED.wireName());
    }

    /** Every condition but who may see what, then the marker, the order and the limit. */
    private void filtersOrderAndLimit(ImageQuery query) {
        for (Condition condition : query.conditions()) {
            condition(condition);
        }
        properties(query.propertyConditions());
        tags(query.tags());
        if (query.osHidden() != null) {
            sql.append(" AND i.os_hidden = ?");
            arguments.add(query.osHidden());
        }
        if (query.marker() != null) {
            sql.append(" AND (");
            after(query.sort(), query.marker());
            sql.append(')');
        }
        orderBy(query.sort());
        sql.append(" LIMIT ?");
        arguments.add(query.limit());
    }

    /**
     * The disjoint kinds of access through which a non-administrator sees an image, each with the visibility filter
     * of the query folded in. Apart, each is a plain condition that an index in the sort order can serve (the
     * owner's images by {@code images_owner_idx}, public and community images by {@code images_visibility_idx},
     * the images shared with the project from its memberships), where their {@code OR} made a page among many
     * images that the viewer may not see a walk through all of them.
     */
    private enum Access {
        /** The viewer's project owns the image: every visibility. */
        OWN {
            @Override
            boolean applies(ImageQuery query) {
                return query.viewer().projectId() != null;
            }

            @Override
            void condition(ImageListSql statement, ImageQuery query) {
                statement.sql.append(" AND i.owner = ?");
                statement.arguments.add(query.viewer().projectId());
                switch (query.visibility()) {
                    case ALL, DEFAULT -> {}
                    case PUBLIC -> statement.only(Visibility.PUBLIC);
                    case COMMUNITY -> statement.only(Visibility.COMMUNITY);
                    case SHARED -> statement.only(Visibility.SHARED);
                    case PRIVATE -> statement.only(Visibility.PRIVATE);
                }
            }
        },
        /** A public image of another project (or of none). */
        PUBLIC {
            @Override
            boolean applies(ImageQuery query) {
                return switch (query.visibility()) {
                    case ALL, DEFAULT, PUBLIC -> true;
                    case COMMUNITY, SHARED, PRIVATE -> false;
                };
            }

            @Override
            void condition(ImageListSql statement, ImageQuery query) {
                statement.only(Visibility.PUBLIC);
                notOwned(statement, query);
            }
        },
        /** A community image of another project (or of none): only when community images are asked for. */
        COMMUNITY {
            @Override
            boolean applies(ImageQuery query) {
                return query.visibility() == ImageQuery.VisibilityFilter.ALL
                        || query.visibility() == ImageQuery.VisibilityFilter.COMMUNITY;
            }

            @Override
            void condition(ImageListSql statement, ImageQuery query) {
                statement.only(Visibility.COMMUNITY);
                notOwned(statement, query);
            }
        },
        /** A shared image of another project with a membership of the viewer's project in the asked status. */
        SHARED_WITH_PROJECT {
            @Override
            boolean applies(ImageQuery query) {
                return query.viewer().projectId() != null
                        && switch (query.visibility()) {
                            case ALL, DEFAULT, SHARED -> true;
                            case PUBLIC, COMMUNITY, PRIVATE -> false;
                        };
            }

            @Override
            void condition(ImageListSql statement, ImageQuery query) {
                statement.only(Visibility.SHARED);
                notOwned(statement, query);
                statement.sql.append(" AND i.id IN (SELECT m.image_id FROM image_members m WHERE m.member = ?");
                statement.arguments.add(query.viewer().projectId());
                if (query.memberStatus() != null) {
                    statement.sql.append(" AND m.status = ?");
                    statement.arguments.add(query.memberStatus().wireName());
                }
                statement.sql.append(')');
            }
        };

        abstract boolean applies(ImageQuery query);

        /** Appends this access's condition (with the query's visibility filter) after a WHERE. */
        abstract void condition(ImageListSql statement, ImageQuery query);

        /** Leaves out the viewer's own images, which {@link #OWN} lists. */
        private static void notOwned(ImageListSql statement, ImageQuery query) {
            if (query.viewer().projectId() != null) {
                statement.sql.append(" AND (i.owner <> ? OR i.owner IS NULL)");
                statement.arguments.add(query.viewer().projectId());
            }
        }

        /**
         * The kinds of access that can give images to this query; none for a viewer without project who asks for
         * shared or private images.
         */
        static List<Access> branchesFor(ImageQuery query) {
            List<Access> branches = new ArrayList<>();
            for (Access access : values()) {
                if (access.applies(query)) {
                    branches.add(access);
                }
            }
            return branches;
        }
    }

    private void visibilityFilter(ImageQuery query) {
        String project = query.viewer().projectId();
        switch (query.visibility()) {
            case ALL -> {}
            case DEFAULT -> {
                sql.append(" AND (i.visibility <> ?");
                arguments.add(Visibility.COMMUNITY.wireName());
                if (project != null) {
                    sql.append(" OR i.owner = ?");
                    arguments.add(project);
                }
                sql.append(')');
            }
            case PUBLIC -> only(Visibility.PUBLIC);
            case COMMUNITY -> only(Visibility.COMMUNITY);
            case SHARED -> only(Visibility.SHARED);
            case PRIVATE -> only(Visibility.PRIVATE);
        }
    }

    private void only(Visibility visibility) {
        sql.append(" AND i.visibility = ?");
        arguments.add(visibility.wireName());
    }

    private void condition(Condition condition) {
        String column = "i." + ImageColumns.column(condition.field());
        sql.append(" AND ").append(column);
        switch (condition.op()) {
            case EQ -> sql.append(" = ?");
            case NEQ -> sql.append(" <> ?");
            case GT -> sql.append(" > ?");
            case GTE -> sql.append(" >= ?");
            case LT -> sql.append(" < ?");
            case LTE -> sql.append(" <= ?");
            case IN ->
                sql.append(" IN (")
                        .append(placeholders(condition.values().size()))
                        .append(')');
        }
        for (Object value : condition.values()) {
            arguments.add(ImageColumns.conditionValue(condition.field(), value));
        }
    }

    /**
     * Images whose properties satisfy every condition: a key named twice must have a value allowed by both, so the
     * conditions merge by key into the values allowed by all of them.
     */
    private void properties(List<PropertyCondition> conditions) {
        if (conditions.isEmpty()) {
            return;
        }
        Map<String, Set<String>> allowed = new LinkedHashMap<>();
        for (PropertyCondition condition : conditions) {
            Set<String> values = new LinkedHashSet<>(condition.values());
            allowed.merge(condition.key(), values, (before, also) -> {
                before.retainAll(also);
                return before;
            });
        }
        if (allowed.values().stream().anyMatch(Set::isEmpty)) {
            sql.append(" AND 1 = 0");
            return;
        }
        if (allowed.size() <= EXISTS_LIMIT) {
            allowed.forEach((key, values) -> {
                sql.append(" AND EXISTS (SELECT 1 FROM image_properties p WHERE p.image_id = i.id AND p.name = ?"
                                + " AND p.value IN (")
                        .append(placeholders(values.size()))
                        .append("))");
                arguments.add(key);
                arguments.addAll(values);
            });
            return;
        }
        sql.append(" AND i.id IN (SELECT p.image_id FROM image_properties p WHERE (p.name, p.value)")
                .append(dialect.rowValuesIn());
        boolean first = true;
        for (Map.Entry<String, Set<String>> key : allowed.entrySet()) {
            for (String value : key.getValue()) {
                sql.append(first ? "(?, ?)" : ", (?, ?)");
                first = false;
                arguments.add(key.getKey());
                arguments.add(value);
            }
        }
        sql.append(") GROUP BY p.image_id HAVING COUNT(*) = ?)");
        arguments.add(allowed.size());
    }

    /** Images carrying every tag of {@code tags}. */
    private void tags(List<String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        Set<String> distinct = new LinkedHashSet<>(tags);
        if (distinct.size() <= EXISTS_LIMIT) {
            for (String tag : distinct) {
                sql.append(" AND EXISTS (SELECT 1 FROM image_tags t WHERE t.image_id = i.id AND t.value = ?)");
                arguments.add(tag);
            }
            return;
        }
        sql.append(" AND i.id IN (SELECT t.image_id FROM image_tags t WHERE t.value IN (")
                .append(placeholders(distinct.size()))
                .append(") GROUP BY t.image_id HAVING COUNT(*) = ?)");
        arguments.addAll(distinct);
        arguments.add(distinct.size());
    }

    private void orderBy(List<SortOrder> sort) {
        sql.append(" ORDER BY ");
        for (int k = 0; k < sort.size(); k++) {
            SortOrder key = sort.get(k);
            if (k > 0) {
                sql.append(", ");
            }
            sql.append("i.").append(ImageColumns.column(key.field())).append(key.ascending() ? " ASC" : " DESC");
            if (ImageColumns.nullable(key.field())) {
                sql.append(dialect.nullOrdering(key.ascending()));
            }
        }
    }

    /**
     * Rows strictly after the marker in the sort order. The expanded form is
     * {@code k1 after m1 OR (k1 = m1 AND (k2 after m2 OR (...)))}; the longest tail of keys that share one
     * direction and can be compared without null handling becomes one row-value comparison, which both databases
     * answer from an index (the default order is entirely such a tail).
     */
    private void after(List<SortOrder> sort, Image marker) {
        int n = sort.size();
        boolean lastAscending = sort.get(n - 1).ascending();
        int tail = n - 1; // the id, always last and never null
        while (tail > 0 && plainComparable(sort.get(tail - 1), marker, lastAscending)) {
            tail--;
        }
        afterFrom(sort, marker, 0, tail);
    }

    /** A key takes part in the row-value tail when its direction matches and null handling is not needed. */
    private static boolean plainComparable(SortOrder key, Image marker, boolean direction) {
        if (key.ascending() != direction || ImageColumns.storedValue(key.field(), marker) == null) {
            return false;
        }
        // Ascending, null rows come before a non-null marker value and a plain comparison leaves them out,
        // as it should. Descending, they come after it, so only non-null columns qualify.
        return key.ascending() || !ImageColumns.nullable(key.field());
    }

    private void afterFrom(List<SortOrder> sort, Image marker, int k, int tail) {
        if (k == tail) {
            rowValueAfter(sort.subList(tail, sort.size()), marker);
            return;
        }
        SortOrder key = sort.get(k);
        String column = "i." + ImageColumns.column(key.field());
        Object value = ImageColumns.storedValue(key.field(), marker);
        boolean strictPossible = true;
        sql.append('(');
        if (value == null) {
            if (key.ascending()) {
                sql.append(column).append(" IS NOT NULL");
            } else {
                strictPossible = false; // descending, nothing comes after null on this key
            }
        } else if (key.ascending()) {
            sql.append(column).append(" > ?");
            arguments.add(value);
        } else {
            sql.append(column).append(" < ?");
            arguments.add(value);
            if (ImageColumns.nullable(key.field())) {
                sql.append(" OR ").append(column).append(" IS NULL");
            }
        }
        if (strictPossible) {
            sql.append(" OR ");
        }
        sql.append('(');
        if (value == null) {
            sql.append(column).append(" IS NULL");
        } else {
            sql.append(column).append(" = ?");
            arguments.add(value);
        }
        sql.append(" AND ");
        afterFrom(sort, marker, k + 1, tail);
        sql.append("))");
    }

    private void rowValueAfter(List<SortOrder> keys, Image marker) {
        String operator = keys.get(0).ascending() ? " > " : " < ";
        if (keys.size() == 1) {
            sql.append("i.")
                    .append(ImageColumns.column(keys.get(0).field()))
                    .append(operator)
                    .append('?');
            arguments.add(ImageColumns.storedValue(keys.get(0).field(), marker));
            return;
        }
        sql.append('(');
        for (int k = 0; k < keys.size(); k++) {
            sql.append(k == 0 ? "" : ", ")
                    .append("i.")
                    .append(ImageColumns.column(keys.get(k).field()));
        }
        sql.append(')')
                .append(operator)
                .append('(')
                .append(placeholders(keys.size()))
                .append(')');
        for (SortOrder key : keys) {
            arguments.add(ImageColumns.storedValue(key.field(), marker));
        }
    }

    static String placeholders(int count) {
        return count == 1 ? "?" : "?" + ", ?".repeat(count - 1);
    }
}
