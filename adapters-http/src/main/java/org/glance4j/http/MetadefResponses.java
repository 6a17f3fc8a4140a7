package org.glance4j.http;

import io.undertow.util.HttpString;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.glance4j.ports.in.ListParameters;

/** What the metadef resources share: JSON answers of the core's maps, query parameters, the append header. */
final class MetadefResponses {
    static final HttpString APPEND = new HttpString("X-Openstack-Append");
    private static final Set<String> TRUE_WORDS = Set.of("1", "t", "true", "on", "y", "yes");

    private MetadefResponses() {}

    static void json(ApiRequest request, int status, Map<String, Object> body) throws IOException {
        Responses.json(request.exchange(), status, g -> Json.MAPPER.writeValue(g, body));
    }

    static Map<String, List<String>> query(ApiRequest request) {
        return UrlCodec.parseQuery(request.exchange().getQueryString());
    }

    static ListParameters parameters(ApiRequest request) {
        return new ListParameters(query(request));
    }

    /** The first value of a query parameter, or null. */
    static String parameter(ApiRequest request, String name) {
        List<String> values = query(request).get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** {@code X-Openstack-Append} read as oslo's {@code bool_from_string} reads it: unknown words are false. */
    static boolean append(ApiRequest request) {
        String value = request.header(APPEND);
        return value != null && TRUE_WORDS.contains(value.strip().toLowerCase(Locale.ROOT));
    }
}
