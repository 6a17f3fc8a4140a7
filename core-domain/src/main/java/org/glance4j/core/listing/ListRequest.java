package org.glance4j.core.listing;

import java.util.List;
import java.util.Map;
import org.glance4j.ports.model.ImageQuery.SortOrder;
import org.glance4j.ports.model.ImageQuery.VisibilityFilter;
import org.glance4j.ports.model.MemberStatus;

/**
 * A list call's parameters after the first, syntactic pass (what Glance checks before its policy): page size,
 * marker, member status (null for {@code all}), visibility, the full sort order, tags, {@code os_hidden},
 * {@code protected}, and the remaining filters still raw (checked by {@link ListFilterParser} after the policy).
 */
public record ListRequest(
        int limit,
        String marker,
        MemberStatus memberStatus,
        VisibilityFilter visibility,
        List<SortOrder> sort,
        List<String> tags,
        boolean osHidden,
        Boolean protectedFilter,
        Map<String, String> filters) {
    public ListRequest {
        sort = List.copyOf(sort);
        tags = List.copyOf(tags);
        filters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(filters));
    }
}
