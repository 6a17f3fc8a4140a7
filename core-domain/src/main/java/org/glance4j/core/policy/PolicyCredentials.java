package org.glance4j.core.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.glance4j.ports.model.RequestContext;

/**
 * The caller as oslo.policy sees it: {@code user_id}, {@code project_id}, {@code roles} (lower case) and
 * {@code is_admin}. Generic checks look credentials up by (dotted) name.
 */
public final class PolicyCredentials {

    /** Returned by {@link #lookup} for a name the credentials do not have. */
    static final Object ABSENT = new Object();

    private final Set<String> roles;
    private final Map<String, Object> values;

    private PolicyCredentials(Set<String> roles, Map<String, Object> values) {
        this.roles = roles;
        this.values = values;
    }

    /** Credentials of a request; {@code isAdmin} is what {@code context_is_admin} said. */
    public static PolicyCredentials of(RequestContext context, boolean isAdmin) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("user_id", context.userId());
        values.put("project_id", context.projectId());
        values.put("tenant", context.projectId());
        List<Object> roles = new ArrayList<>(context.roles());
        values.put("roles", roles);
        values.put("is_admin", isAdmin);
        return new PolicyCredentials(context.roles(), values);
    }

    public Set<String> roles() {
        return roles;
    }

    Object lookup(String dottedName) {
        Object current = values;
        for (String part : dottedName.split("\\.", -1)) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) {
                return ABSENT;
            }
            current = map.get(part);
        }
        return current;
    }
}
