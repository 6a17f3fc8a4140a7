package org.glance4j.core.metadef;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.glance4j.core.policy.PolicyCredentials;
import org.glance4j.core.policy.PolicyEngine;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.metadef.MetadefNamespace;

/**
 * The metadef policy checks of one request, with Glance's target and translation: the target is the namespace's
 * owner (as {@code project_id}) and visibility, or the caller's project when there is no namespace. A refusal is
 * {@code NOT_FOUND} when the rule is {@code get_metadef_namespace} or the caller could not even read the namespace,
 * otherwise {@code FORBIDDEN}, so that namespaces the caller cannot see do not leak.
 */
final class MetadefPolicy {

    private final PolicyEngine engine;
    private final RequestContext context;
    private final PolicyCredentials credentials;
    private final boolean admin;

    MetadefPolicy(PolicyEngine engine, RequestContext context) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.context = Objects.requireNonNull(context, "context");
        this.credentials = engine.credentials(context);
        this.admin = engine.isAdmin(context);
    }

    boolean isAdmin() {
        return admin;
    }

    RequestContext context() {
        return context;
    }

    /**
     * Whether the caller may see the namespace at all, before any policy: administrators see everything; others see
     * public namespaces, namespaces without owner, and those their project owns.
     */
    boolean canSee(MetadefNamespace namespace) {
        return admin
                || namespace.owner() == null
                || namespace.isPublic()
                || (context.projectId() != null && context.projectId().equals(namespace.owner()));
    }

    /** Whether the rule allows the call on the namespace (null: on the caller's project). */
    boolean check(String rule, MetadefNamespace namespace) {
        return engine.allows(rule, credentials, target(namespace));
    }

    /** Enforces the rule on the namespace (null: on the caller's project), translating a refusal. */
    void enforce(String rule, MetadefNamespace namespace) {
        if (check(rule, namespace)) {
            return;
        }
        if (rule.equals("get_metadef_namespace") || !check("get_metadef_namespace", namespace)) {
            throw GlanceException.notFound("The resource could not be found.");
        }
        throw GlanceException.forbidden("You are not authorized to complete " + rule + " action.");
    }

    private Map<String, Object> target(MetadefNamespace namespace) {
        Map<String, Object> target = new HashMap<>();
        if (namespace == null) {
            target.put("project_id", context.projectId());
        } else {
            target.put("project_id", namespace.owner());
            target.put("visibility", namespace.visibility());
        }
        return target;
    }
}
