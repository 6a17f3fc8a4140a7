package org.glance4j.core.listing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.glance4j.core.settings.CoreSettings;
import org.glance4j.core.text.StorableText;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ListParameters;
import org.glance4j.ports.model.ImageField;
import org.glance4j.ports.model.ImageQuery.SortOrder;
import org.glance4j.ports.model.ImageQuery.VisibilityFilter;
import org.glance4j.ports.model.MemberStatus;

/**
 * The first pass over a list call's parameters, with Glance's rules: {@code limit} (a non-negative integer,
 * default and cap from the settings), {@code marker}, {@code member_status} (default accepted, or {@code all}),
 * {@code visibility} (or {@code all}), sorting by repeated {@code sort_key}/{@code sort_dir} or by
 * {@code sort=key:dir,...} but not both, repeated {@code tag}, {@code os_hidden} (default false) and
 * {@code protected}. Sort keys without a direction sort descending; {@code created_at} and {@code id} are always
 * appended so that the order is total. A call with more filters (each {@code tag} and each other filter
 * parameter, custom properties included) than {@code max_list_filters} is refused before anything reaches the
 * database; Glance has no such bound.
 */
public final class ListParameterParser {

    static final List<String> SORT_KEYS =
            List.of("name", "status", "container_format", "disk_format", "size", "id", "created_at", "updated_at");
    private static final String DEFAULT_SORT_KEY = "created_at";
    private static final String DEFAULT_SORT_DIR = "desc";

    private final CoreSettings settings;

    public ListParameterParser(CoreSettings settings) {
        this.settings = settings;
    }

    public ListRequest parse(ListParameters parameters) {
        parameters.values().forEach((name, values) -> {
            StorableText.requireIdentifier("Query parameter name", name);
            values.forEach(value -> StorableText.requireText("Query parameter '" + name + "'", value));
        });
        Map<String, List<String>> params = new LinkedHashMap<>(parameters.values());
        String limitText = first(params.remove("limit"));
        String marker = first(params.remove("marker"));
        String memberStatusText = first(params.remove("member_status"));
        List<String> tags = new ArrayList<>();
        for (String tag : orEmpty(params.remove("tag"))) {
            tags.add(tag.strip());
        }
        VisibilityFilter visibility = visibility(first(params.remove("visibility")));
        if (params.containsKey("changes-since")) {
            throw GlanceException.invalid("The \"changes-since\" filter is no longer available on v2.");
        }
        MemberStatus memberStatus = memberStatus(memberStatusText == null ? "accepted" : memberStatusText);
        int limit = limitText == null ? settings.limitParamDefault() : limit(limitText);
        List<SortOrder> sort = sort(params);
        boolean osHidden = osHidden(first(params.remove("os_hidden")));
        Boolean isProtected = protectedFilter(first(params.remove("protected")));
        params.remove("deleted");
        Map<String, String> filters = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            String value = first(v);
            if (value != null) {
                filters.put(k, value);
            }
        });
        int filterCount = tags.size() + filters.size();
        if (filterCount > settings.maxListFilters()) {
            throw GlanceException.invalid("Too many filters: the request has " + filterCount
                    + " filters and tags, at most " + settings.maxListFilters() + " are allowed.");
        }
        return new ListRequest(
                Math.min(limit, settings.apiLimitMax()),
                marker,
                memberStatus,
                visibility,
                sort,
                tags,
                osHidden,
                isProtected,
                filters);
    }

    private static int limit(String text) {
        int value;
        try {
            value = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            if (text.strip().matches("-?[0-9]+")) {
                if (text.strip().startsWith("-")) {
                    throw GlanceException.invalid("limit param must be positive");
                }
                return Integer.MAX_VALUE;
            }
            throw GlanceException.invalid("limit param must be an integer");
        }
        if (value < 0) {
            throw GlanceException.invalid("limit param must be positive");
        }
        return value;
    }

    private static MemberStatus memberStatus(String text) {
        if (text.equals("all")) {
            return null;
        }
        MemberStatus status = MemberStatus.fromWire(text);
        if (status == null) {
            throw GlanceException.invalid("Invalid status: " + text);
        }
        return status;
    }

    private static VisibilityFilter visibility(String text) {
        if (text == null || text.isEmpty()) {
            return VisibilityFilter.DEFAULT;
        }
        return switch (text) {
            case "all" -> VisibilityFilter.ALL;
            case "public" -> VisibilityFilter.PUBLIC;
            case "community" -> VisibilityFilter.COMMUNITY;
            case "shared" -> VisibilityFilter.SHARED;
            case "private" -> VisibilityFilter.PRIVATE;
            default -> throw GlanceException.invalid("Invalid visibility value: " + text);
        };
    }

    private static boolean osHidden(String text) {
        String value = text == null ? "false" : text.toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw GlanceException.invalid(
                    "Invalid value '" + value + "' for 'os_hidden' filter. Valid values are" + " 'true' or 'false'.");
        }
        return value.equals("true");
    }

    private static Boolean protectedFilter(String text) {
        if (text == null) {
            return null;
        }
        if (!text.equals("true") && !text.equals("false")) {
            throw GlanceException.invalid(
                    "Invalid value '" + text + "' for 'protected' filter. Valid values are" + " 'true' or 'false'.");
        }
        return text.equals("true");
    }

    private static List<SortOrder> sort(Map<String, List<String>> params) {
        List<String> keys = new ArrayList<>();
        List<String> dirs = new ArrayList<>();
        if (params.containsKey("sort")) {
            if (params.containsKey("sort_key") || params.containsKey("sort_dir")) {
                throw GlanceException.invalid("Old and new sorting syntax cannot be combined");
            }
            for (String item : first(params.remove("sort")).strip().split(",", -1)) {
                int colon = item.indexOf(':');
                String key = colon < 0 ? item : item.substring(0, colon);
                String dir =
                        colon < 0 || item.substring(colon + 1).isEmpty() ? DEFAULT_SORT_DIR : item.substring(colon + 1);
                keys.add(sortKey(key.strip()));
                dirs.add(sortDir(dir.strip()));
            }
        } else {
            for (String key : orEmpty(params.remove("sort_key"))) {
                keys.add(sortKey(key.strip()));
            }
            for (String dir : orEmpty(params.remove("sort_dir"))) {
                dirs.add(sortDir(dir.strip()));
            }
            if (dirs.size() > 1 && dirs.size() != keys.size()) {
                throw GlanceException.invalid("Number of sort dirs does not match the number of sort keys");
            }
        }
        if (keys.isEmpty()) {
            keys.add(DEFAULT_SORT_KEY);
        }
        String defaultDir = DEFAULT_SORT_DIR;
        if (dirs.isEmpty()) {
            keys.forEach(k -> dirs.add(DEFAULT_SORT_DIR));
        } else if (dirs.size() == 1) {
            defaultDir = dirs.get(0);
            while (dirs.size() < keys.size()) {
                dirs.add(defaultDir);
            }
        }
        for (String always : List.of("created_at", "id")) {
            if (!keys.contains(always)) {
                keys.add(always);
                dirs.add(defaultDir);
            }
        }
        if (!keys.get(keys.size() - 1).equals("id")) {
            keys.add("id");
            dirs.add(defaultDir);
        }
        List<SortOrder> sort = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            sort.add(new SortOrder(ImageField.fromWire(keys.get(i)), dirs.get(i).equals("asc")));
        }
        return sort;
    }

    private static String sortKey(String key) {
        if (!SORT_KEYS.contains(key)) {
            throw GlanceException.invalid("Invalid sort key: " + key + ". It must be one of the following: "
                    + String.join(", ", SORT_KEYS) + ".");
        }
        return key;
    }

    private static String sortDir(String dir) {
        if (!dir.equals("asc") && !dir.equals("desc")) {
            throw GlanceException.invalid("Invalid sort direction: " + dir);
        }
        return dir;
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
