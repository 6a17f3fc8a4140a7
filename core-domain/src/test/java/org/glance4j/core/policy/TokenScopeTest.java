package org.glance4j.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.glance4j.ports.model.Cancellation;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.RequestContext.TokenDetails;
import org.junit.jupiter.api.Test;

/**
 * What a Keystone token adds to the policy credentials: its scope (Glance's rules are for project scope, and
 * Glance master enforces scope) and the service token's user, project and roles, which an operator's rule may
 * name.
 */
class TokenScopeTest {

    private static RequestContext admin(TokenDetails token) {
        return new RequestContext(
                "req",
                "admin-user",
                token.systemScope() == null && token.domainId() == null ? "p1" : null,
                Set.of("admin", "member", "reader"),
                Cancellation.never(),
                token);
    }

    @Test
    void systemAndDomainScopedTokensAreRefusedEveryImageRuleButStayAdmins() {
        PolicyEngine engine = PolicyEngine.defaults();
        TokenDetails system = new TokenDetails("default", null, null, "all", null, null, Set.of());
        TokenDetails domain = new TokenDetails("default", null, "default", null, null, null, Set.of());
        for (TokenDetails scope : new TokenDetails[] {system, domain}) {
            RequestContext caller = admin(scope);
            assertThat(engine.isAdmin(caller))
                    .as("context_is_admin has no scope")
                    .isTrue();
            for (String rule : new String[] {
                "get_images", "get_image", "add_image", "delete_image", "get_metadef_namespaces", "tasks_api_access"
            }) {
                assertThat(engine.allows(rule, caller, Map.of("project_id", "p1", "owner", "p1")))
                        .as(rule + " for " + scope)
                        .isFalse();
            }
        }
        RequestContext project = admin(new TokenDetails("default", "default", null, null, null, null, Set.of()));
        assertThat(engine.allows("get_images", project, Map.of("project_id", "p1")))
                .isTrue();
    }

    @Test
    void theServiceTokenIsInTheCredentialsUnderOsloContextsNames() {
        PolicyEngine engine = PolicyEngine.withOverrides(
                Map.of("add_image", "'service':%(service_roles)s or " + "service_user_id:nova-user"));
        TokenDetails withService =
                new TokenDetails("default", "default", null, null, "nova-user", "svc", Set.of("Service"));
        RequestContext caller =
                new RequestContext("req", "u", "p1", Set.of("member", "reader"), Cancellation.never(), withService);
        assertThat(engine.allows("add_image", caller, Map.of())).isTrue();
        RequestContext plain = new RequestContext("req", "u", "p1", Set.of("member", "reader"));
        assertThat(engine.allows("add_image", plain, Map.of())).isFalse();
        assertThat(PolicyCredentials.of(caller, false).lookup("service_project_id"))
                .isEqualTo("svc");
        assertThat(PolicyCredentials.of(caller, false).lookup("project_domain_id"))
                .isEqualTo("default");
    }
}
