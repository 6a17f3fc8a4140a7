package org.glance4j.core.metadef;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.glance4j.core.policy.PolicyEngine;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.metadef.MetadefNamespace;
import org.glance4j.ports.out.metadef.MetadefRepository;

/**
 * What every metadef use case shares: the repository, the policies, the schemas, the clock, and the lookup of a
 * namespace the caller may see (one it may not is {@code NOT_FOUND}, like one that does not exist).
 */
final class MetadefAccess {

    final MetadefRepository repository;
    final PolicyEngine policies;
    final MetadefSchemas schemas;
    private final Clock clock;

    MetadefAccess(MetadefRepository repository, PolicyEngine policies, MetadefSchemas schemas, Clock clock) {
        this.repository = Objects.requireNonNull(repository, "metadef repository");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.schemas = Objects.requireNonNull(schemas, "schemas");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    MetadefPolicy policy(RequestContext context) {
        return new MetadefPolicy(policies, context);
    }

    /** The namespace, if it exists and the caller may see it. */
    MetadefNamespace visibleNamespace(MetadefPolicy policy, String name) {
        MetadefNamespace namespace = repository.findNamespace(name).orElse(null);
        if (namespace == null || !policy.canSee(namespace)) {
            throw GlanceException.notFound("Namespace " + name + " not found");
        }
        return namespace;
    }

    /** The namespace, if it exists and the caller may see it, once {@code rule} is enforced on it. */
    MetadefNamespace enter(MetadefPolicy policy, String name, String rule) {
        MetadefNamespace namespace = visibleNamespace(policy, name);
        policy.enforce(rule, namespace);
        return namespace;
    }

    /** Now, to the microsecond (what both databases keep of a time written by Glance). */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Refuses deleting anything of a protected namespace. */
    static void requireUnprotected(MetadefNamespace namespace, String what) {
        if (namespace.isProtected()) {
            throw GlanceException.forbidden(what + " is protected and cannot be deleted.");
        }
    }
}
