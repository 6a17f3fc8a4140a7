package org.glance4j.http;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The path template of a request ({@code /v2/images/{image_id}/tags/{tag}}), for the access log and for metric
 * labels: ids, names and tags become placeholders, so the number of templates stays small whatever clients send.
 * A path no resource serves is {@link #UNMATCHED}; the version document is {@code /versions} and a path under
 * {@code /v2.N} gives the same template as under {@code /v2}.
 */
final class RouteTemplates {
    /** The template of every path that no resource serves. */
    static final String UNMATCHED = "(unmatched)";

    static final String VERSIONS = "/versions";
    static final String HEALTHCHECK = "/healthcheck";

    /** The placeholder that follows each collection segment. */
    private static final Map<String, String> PLACEHOLDERS =
            placeholders("images {image_id}, members {member_id}, tags {tag}, tasks {task_id}, stores {store_id},"
                    + " namespaces {namespace}, objects {object}, properties {property},"
                    + " resource_types {resource_type}, actions {action}, tus {upload_id}");
    /** Collections whose member is never a placeholder right after them: the info and schema documents. */
    private static final Set<String> DOCUMENT_ROOTS = Set.of("info", "schemas");

    private RouteTemplates() {}

    /** The map written as {@code "collection {placeholder}, ..."}. */
    private static Map<String, String> placeholders(String table) {
        return java.util.Arrays.stream(table.split(","))
                .map(entry -> entry.trim().split(" "))
                .collect(java.util.stream.Collectors.toUnmodifiableMap(pair -> pair[0], pair -> pair[1]));
    }

    /** The template of a {@code /v2} path given as its decoded segments, which the router has matched. */
    static String of(List<String> segments) {
        StringBuilder template = new StringBuilder("/v2");
        boolean documents = !segments.isEmpty() && DOCUMENT_ROOTS.contains(segments.get(0));
        String previous = null;
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            String placeholder = previous == null || documents ? null : PLACEHOLDERS.get(previous);
            if (placeholder != null) {
                template.append('/').append(placeholder);
                previous = placeholder;
            } else if (i == 2 && segments.get(0).equals("stores")) {
                template.append("/{image_id}");
                previous = "{image_id}";
            } else {
                template.append('/').append(segment);
                previous = segment;
            }
        }
        return template.toString();
    }
}
