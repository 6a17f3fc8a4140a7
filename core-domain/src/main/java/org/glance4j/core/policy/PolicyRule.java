package org.glance4j.core.policy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed oslo.policy check: the tree {@link PolicyParser} builds from a check string. Evaluation needs the
 * caller's credentials, the target of the action and the other named rules (for {@code rule:} references).
 */
public sealed interface PolicyRule {

    /** Whether the rule allows the action. */
    boolean allows(Evaluation evaluation);

    /** What a rule is evaluated against. {@code rules} resolves {@code rule:name}; unknown names deny. */
    record Evaluation(PolicyCredentials credentials, Map<String, Object> target, Map<String, PolicyRule> rules) {
        public Evaluation {
            Objects.requireNonNull(credentials, "credentials");
            target = target == null ? Map.of() : target;
            Objects.requireNonNull(rules, "rules");
        }
    }

    /** {@code @} and the empty rule: always allows. */
    record Always() implements PolicyRule {
        @Override
        public boolean allows(Evaluation e) {
            return true;
        }

        @Override
        public String toString() {
            return "@";
        }
    }

    /** {@code !}: never allows. */
    record Never() implements PolicyRule {
        @Override
        public boolean allows(Evaluation e) {
            return false;
        }

        @Override
        public String toString() {
            return "!";
        }
    }

    /** {@code role:name}: the caller holds the role (compared case-insensitively; the name may use the target). */
    record RoleCheck(String match) implements PolicyRule {
        @Override
        public boolean allows(Evaluation e) {
            String role = TargetInterpolation.render(match, e.target());
            return role != null && e.credentials().roles().contains(role.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return "role:" + match;
        }
    }

    /** {@code rule:name}: the named rule allows; a missing rule denies. */
    record RuleReference(String name) implements PolicyRule {
        @Override
        public boolean allows(Evaluation e) {
            PolicyRule rule = e.rules().get(name);
            return rule != null && rule.allows(e);
        }

        @Override
        public String toString() {
            return "rule:" + name;
        }
    }

    /**
     * {@code kind:match}: when {@code kind} is a literal ({@code 'text'}, a number, {@code True}...) it must equal
     * the rendered match; otherwise {@code kind} is a (dotted) credential name whose value must equal it, or
     * contain it when the credential is a list.
     */
    record GenericCheck(String kind, String match) implements PolicyRule {
        @Override
        public boolean allows(Evaluation e) {
            String rendered = TargetInterpolation.render(match, e.target());
            if (rendered == null) {
                return false;
            }
            String literal = Literals.valueOf(kind);
            if (literal != null) {
                return rendered.equals(literal);
            }
            Object credential = e.credentials().lookup(kind);
            if (credential == PolicyCredentials.ABSENT) {
                return false;
            }
            if (credential instanceof List<?> list) {
                return list.stream().anyMatch(v -> rendered.equals(Literals.pythonString(v)));
            }
            return rendered.equals(Literals.pythonString(credential));
        }

        @Override
        public String toString() {
            return kind + ":" + match;
        }
    }

    /** {@code not rule}. */
    record Not(PolicyRule rule) implements PolicyRule {
        @Override
        public boolean allows(Evaluation e) {
            return !rule.allows(e);
        }

        @Override
        public String toString() {
            return "not " + rule;
        }
    }

    /** {@code a and b and ...}. */
    record And(List<PolicyRule> rules) implements PolicyRule {
        public And {
            rules = List.copyOf(rules);
        }

        @Override
        public boolean allows(Evaluation e) {
            return rules.stream().allMatch(r -> r.allows(e));
        }

        @Override
        public String toString() {
            return "("
                    + String.join(" and ", rules.stream().map(Object::toString).toList()) + ")";
        }
    }

    /** {@code a or b or ...}. */
    record Or(List<PolicyRule> rules) implements PolicyRule {
        public Or {
            rules = List.copyOf(rules);
        }

        @Override
        public boolean allows(Evaluation e) {
            return rules.stream().anyMatch(r -> r.allows(e));
        }

        @Override
        public String toString() {
            return "("
                    + String.join(" or ", rules.stream().map(Object::toString).toList()) + ")";
        }
    }
}
