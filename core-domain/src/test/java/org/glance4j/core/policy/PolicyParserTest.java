package org.glance4j.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.glance4j.ports.model.RequestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyParserTest {

    private static final Map<String, PolicyRule> NO_RULES = Map.of();

    private static boolean eval(String rule, Set<String> roles, Map<String, Object> target) {
        RequestContext ctx = new RequestContext("r", "u1", "p1", roles);
        return PolicyParser.parse(rule)
                .allows(new PolicyRule.Evaluation(PolicyCredentials.of(ctx, false), target, NO_RULES));
    }

    private static boolean eval(String rule, String... roles) {
        return eval(rule, Set.of(roles), Map.of());
    }

    @Test
    void emptyAndAtAllowBangDenies() {
        assertThat(eval("")).isTrue();
        assertThat(eval("   ")).isTrue();
        assertThat(eval("@")).isTrue();
        assertThat(eval("!")).isFalse();
    }

    @Test
    void rolesCompareCaseInsensitively() {
        assertThat(eval("role:Admin", "admin")).isTrue();
        assertThat(eval("role:admin", "ADMIN")).isTrue();
        assertThat(eval("role:admin", "member")).isFalse();
    }

    @Test
    void andBindsTighterThanOr() {
        // a or b and c == a or (b and c)
        assertThat(eval("role:a or role:b and role:c", "a")).isTrue();
        assertThat(eval("role:a or role:b and role:c", "b")).isFalse();
        assertThat(eval("(role:a or role:b) and role:c", "a")).isFalse();
        assertThat(eval("(role:a or role:b) and role:c", "a", "c")).isTrue();
    }

    @Test
    void notBindsTighterThanAnd() {
        assertThat(eval("not role:a and role:b", "b")).isTrue();
        assertThat(eval("not role:a and role:b", "a", "b")).isFalse();
        assertThat(eval("not (role:a and role:b)", "a")).isTrue();
        assertThat(eval("not not role:a", "a")).isTrue();
    }

    @Test
    void keywordsAreCaseInsensitiveAndParenthesesNest() {
        assertThat(eval("((role:a)) OR (role:b AND NOT role:c)", "b")).isTrue();
        assertThat(eval("((role:a)) OR (role:b AND NOT role:c)", "b", "c")).isFalse();
    }

    @Test
    void genericChecksReadCredentialsAndTheTarget() {
        Map<String, Object> target = new HashMap<>();
        target.put("project_id", "p1");
        target.put("visibility", "community");
        target.put("owner", null);
        assertThat(eval("project_id:%(project_id)s", Set.of(), target)).isTrue();
        assertThat(eval("project_id:p1", Set.of(), target)).isTrue();
        assertThat(eval("user_id:u2", Set.of(), target)).isFalse();
        assertThat(eval("'community':%(visibility)s", Set.of(), target)).isTrue();
        assertThat(eval("\"public\":%(visibility)s", Set.of(), target)).isFalse();
        // a missing target key fails the check, a null one renders as None
        assertThat(eval("project_id:%(member_id)s", Set.of(), target)).isFalse();
        assertThat(eval("'None':%(owner)s", Set.of(), target)).isTrue();
        assertThat(eval("roles:reader", Set.of("reader"), target)).isTrue();
        assertThat(eval("nosuch:x", Set.of(), target)).isFalse();
        assertThat(eval("is_admin:False", Set.of(), target)).isTrue();
        assertThat(eval("role:%(visibility)s", Set.of("community"), target)).isTrue();
    }

    @Test
    void ruleReferencesResolveAndUnknownRulesDeny() {
        RequestContext ctx = new RequestContext("r", "u1", "p1", Set.of("reader"));
        Map<String, PolicyRule> rules = Map.of("can_read", PolicyParser.parse("role:reader"));
        PolicyRule.Evaluation e = new PolicyRule.Evaluation(PolicyCredentials.of(ctx, false), Map.of(), rules);
        assertThat(PolicyParser.parse("rule:can_read").allows(e)).isTrue();
        assertThat(PolicyParser.parse("rule:missing").allows(e)).isFalse();
        assertThat(PolicyParser.parse("not rule:missing").allows(e)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "role:a or",
                "and role:a",
                "role:a role:b",
                "(role:a",
                "role:a)",
                "()",
                "admin",
                "role:",
                ":x",
                "not",
                "role:a and or role:b"
            })
    void malformedRulesAreRefused(String rule) {
        assertThatThrownBy(() -> PolicyParser.parse(rule))
                .isInstanceOf(PolicyParseException.class)
                .hasMessageNotContaining("null");
    }

    @Test
    void tokenizerSplitsParenthesesButNotPlaceholders() {
        assertThat(PolicyParser.tokenize("(role:a or project_id:%(project_id)s)"))
                .containsExactly("(", "role:a", "or", "project_id:%(project_id)s", ")");
    }

    @Test
    void overridesReplaceDefaultsAndBadOnesNameTheRule() {
        PolicyEngine engine = PolicyEngine.withOverrides(Map.of("get_images", "role:auditor"));
        RequestContext auditor = new RequestContext("r", "u", "p", Set.of("Auditor"));
        RequestContext reader = new RequestContext("r", "u", "p", Set.of("reader"));
        Map<String, Object> target = ImageTargets.project("p");
        assertThat(engine.allows("get_images", auditor, target)).isTrue();
        assertThat(engine.allows("get_images", reader, target)).isFalse();
        assertThatThrownBy(() -> PolicyEngine.withOverrides(Map.of("modify_image", "role:admin or")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("modify_image");
    }

    @Test
    void unknownActionsFallBackToTheDefaultRule() {
        RequestContext nobody = new RequestContext("r", "u", "p", Set.of());
        assertThat(PolicyEngine.defaults().allows("some_new_action", nobody, Map.of()))
                .isTrue();
        PolicyEngine strict = PolicyEngine.withOverrides(Map.of("default", "role:admin"));
        assertThat(strict.allows("some_new_action", nobody, Map.of())).isFalse();
    }

    @Test
    void everyDefaultRuleParses() {
        DefaultPolicies.rules()
                .forEach((name, check) ->
                        assertThat(PolicyParser.parse(check)).as(name).isNotNull());
        assertThat(DefaultPolicies.rules())
                .containsKeys(
                        "add_image",
                        "get_image",
                        "get_images",
                        "modify_image",
                        "delete_image",
                        "publicize_image",
                        "communitize_image",
                        "context_is_admin",
                        "default",
                        "service_api",
                        "download_image",
                        "upload_image",
                        "add_member",
                        "modify_member",
                        "deactivate",
                        "reactivate",
                        "copy_image");
    }
}
