package org.glance4j.core.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glance4j.ports.model.RequestContext;

/**
 * The caller as oslo.policy sees it: {@code user_id}, {@code project_id}, {@code roles} (lower case) and
 * {@code is_admin}, and from a Keystone token also {@code user_domain_id}, {@code project_domain_id},
 * {@code domain_id}, {@code system_scope}, {@code service_user_id}, {@code service_project_id} and
 * {@code service_roles} (oslo.context's names). Generic checks look credentials up by (dotted) name.
 */
public final class PolicyCredentials {

    /** Returned by {@link #lookup} for a name the credentials do not have. */
    static final Object ABSENT = new Object();

    private final Set<String> roles;
    private final Map<String, Object> values;
    private final boolean scopedAboveProject;

    private PolicyCredentials(Set<String> roles, Map<String, Object> values, boolean scopedAboveProject) {
        this.roles = roles;
        this.values = values;
        this.scopedAboveProject = scopedAboveProject;
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
        RequestContext.TokenDetails token = context.token();
        values.put("user_domain_id", token.userDomainId());
        values.put("project_domain_id", token.projectDomainId());
        values.put("domain_id", token.domainId());
        values.put("system_scope", token.systemScope());
        values.put("service_user_id", token.serviceUserId());
        values.put("service_project_id", token.serviceProjectId());
        values.put("service_roles", new ArrayList<Object>(token.serviceRoles()));
        return new PolicyCredentials(context.roles(), values, token.scopedAboveProject());
    }

    /**
     * Whether the token is scoped to the system or a domain: Glance's image and metadef rules are for project
     * scope only, so under {@code enforce_scope} such a token is refused every one of them.
     */
    boolean scopedAboveProject() {
        return scopedAboveProject;
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
