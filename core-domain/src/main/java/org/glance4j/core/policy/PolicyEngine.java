package org.glance4j.core.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.glance4j.ports.model.RequestContext;

/**
 * The rules in force (Glance's defaults with the operator's overrides) and their evaluation. An action without
 * a rule of its own falls back to the {@code default} rule, as oslo.policy does.
 */
public final class PolicyEngine {

    private final Map<String, PolicyRule> rules;

    private PolicyEngine(Map<String, PolicyRule> rules) {
        this.rules = Map.copyOf(rules);
    }

    /** Glance's default rules. */
    public static PolicyEngine defaults() {
        return withOverrides(Map.of());
    }

    /**
     * Glance's default rules, each override replacing (or adding) the rule of its name.
     *
     * @throws IllegalArgumentException naming the rule when a check string does not parse
     */
    public static PolicyEngine withOverrides(Map<String, String> overrides) {
        Map<String, String> checkStrings = new LinkedHashMap<>(DefaultPolicies.rules());
        checkStrings.putAll(overrides);
        Map<String, PolicyRule> parsed = new LinkedHashMap<>();
        checkStrings.forEach((name, check) -> {
            try {
                parsed.put(name, PolicyParser.parse(check));
            } catch (PolicyParseException e) {
                throw new IllegalArgumentException(
                        "Policy rule '" + name + "' does not parse (\"" + check + "\"): " + e.getMessage(), e);
            }
        });
        return new PolicyEngine(parsed);
    }

    /** Whether {@code context} may perform {@code action} on {@code target}. */
    public boolean allows(String action, RequestContext context, Map<String, Object> target) {
        return allows(action, credentials(context), target);
    }

    /**
     * Whether these credentials may perform {@code action} on {@code target}. A system- or domain-scoped token may
     * perform none: every Glance rule is for project scope ({@code scope_types}), and Glance master enforces scope.
     * {@code context_is_admin} has no scope, as in Glance.
     */
    public boolean allows(String action, PolicyCredentials credentials, Map<String, Object> target) {
        if (credentials.scopedAboveProject() && !action.equals("context_is_admin")) {
            return false;
        }
        PolicyRule rule = rules.getOrDefault(action, rules.get("default"));
        return rule != null && rule.allows(new PolicyRule.Evaluation(credentials, target, rules));
    }

    /**
     * Whether a rule of this name is in force. oslo.policy's {@code rule:name} check is false for an unknown name,
     * whereas {@link #allows} falls back to the {@code default} rule for an action without a rule.
     */
    public boolean hasRule(String name) {
        return rules.containsKey(name);
    }

    /** Whether the caller is an administrator ({@code context_is_admin}). */
    public boolean isAdmin(RequestContext context) {
        PolicyCredentials base = PolicyCredentials.of(context, false);
        Map<String, Object> target = new java.util.HashMap<>();
        target.put("project_id", context.projectId());
        target.put("user_id", context.userId());
        return allows("context_is_admin", base, target);
    }

    /** The credentials of a context, with {@code is_admin} resolved. */
    public PolicyCredentials credentials(RequestContext context) {
        return PolicyCredentials.of(context, isAdmin(context));
    }
}
