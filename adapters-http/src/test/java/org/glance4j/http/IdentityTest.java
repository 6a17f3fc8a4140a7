package org.glance4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.glance4j.ports.model.RequestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdentityTest {
    private static ServerFixture trusted;
    private static ServerFixture noauth;

    @BeforeAll
    static void start() {
        trusted = new ServerFixture(AuthMode.TRUSTED_HEADERS);
        noauth = new ServerFixture(AuthMode.NOAUTH);
    }

    @AfterAll
    static void stop() {
        trusted.close();
        noauth.close();
    }

    @BeforeEach
    void reset() {
        trusted.images.calls.clear();
        noauth.images.calls.clear();
    }

    @Test
    void noauthActsAsAdminOfTheConfiguredProject() {
        HttpResponse<String> r = noauth.get("/v2/images/abc", "X-Identity-Status", "Invalid", "X-Project-Id", "x");
        assertThat(r.statusCode()).isEqualTo(200);
        RequestContext c = noauth.images.last().context();
        assertThat(c.projectId()).isEqualTo("proj-noauth");
        assertThat(c.userId()).isEqualTo("user-noauth");
        assertThat(c.roles()).containsExactlyInAnyOrder("admin", "member", "reader");
        assertThat(c.requestId())
                .isEqualTo(r.headers().firstValue("x-openstack-request-id").orElseThrow());
    }

    @Test
    void missingIdentityIsUnauthorized() {
        HttpResponse<String> r = trusted.get("/v2/images", "Accept", "application/json");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(ServerFixture.json(r).get("code").asText()).isEqualTo("401 Unauthorized");
        assertThat(r.headers().firstValue("x-openstack-request-id")).isPresent();
        assertThat(trusted.images.calls).isEmpty();
    }

    @Test
    void unconfirmedIdentityIsUnauthorizedEvenOnUnknownPaths() {
        assertThat(trusted.get("/v2/images", "X-Identity-Status", "Invalid", "X-Project-Id", "p")
                        .statusCode())
                .isEqualTo(401);
        assertThat(trusted.get("/v2/images", "X-Identity-Status", "confirmed").statusCode())
                .isEqualTo(401);
        assertThat(trusted.get("/v2/nowhere").statusCode()).isEqualTo(401);
    }

    @Test
    void readsUserProjectAndRoles() {
        HttpResponse<String> r = trusted.get(
                "/v2/images/abc",
                "X-Identity-Status",
                "Confirmed",
                "X-User-Id",
                "u7",
                "X-Project-Id",
                "p7",
                "X-Tenant-Id",
                "t7",
                "X-Roles",
                " Member , READER,,admin ");
        assertThat(r.statusCode()).isEqualTo(200);
        RequestContext c = trusted.images.last().context();
        assertThat(c.userId()).isEqualTo("u7");
        assertThat(c.projectId()).isEqualTo("p7");
        assertThat(c.roles()).containsExactlyInAnyOrder("member", "reader", "admin");
    }

    @Test
    void tenantIdIsTheFallbackProject() {
        trusted.get("/v2/images/abc", "X-Identity-Status", "Confirmed", "X-User-Id", "u7", "X-Tenant-Id", "t7");
        RequestContext c = trusted.images.last().context();
        assertThat(c.projectId()).isEqualTo("t7");
        assertThat(c.roles()).isEmpty();
    }

    @Test
    void deprecatedUserAndTenantHeadersAreRead() {
        trusted.get("/v2/images/abc", "X-Identity-Status", "Confirmed", "X-User", "old-user", "X-Tenant", "old-t");
        RequestContext c = trusted.images.last().context();
        assertThat(c.userId()).isEqualTo("old-user");
        assertThat(c.projectId()).isEqualTo("old-t");
    }

    @Test
    void confirmedIdentityWithoutProjectIsNotProjectScoped() {
        trusted.get("/v2/images/abc", "X-Identity-Status", "Confirmed", "X-User-Id", "u7");
        assertThat(trusted.images.last().context().projectId()).isNull();
    }

    @Test
    void wellFormedClientRequestIdIsKeptOthersAreReplaced() {
        String id = "req-0f8fad5b-d9cb-469f-a165-70867728950e";
        HttpResponse<String> kept = trusted.get("/v2/images/abc", TrustedHeaders.with("X-Openstack-Request-Id", id));
        assertThat(kept.headers().firstValue("x-openstack-request-id")).hasValue(id);
        assertThat(trusted.images.last().context().requestId()).isEqualTo(id);
        HttpResponse<String> replaced =
                trusted.get("/v2/images/abc", TrustedHeaders.with("X-Openstack-Request-Id", "not-a-request-id"));
        assertThat(replaced.headers().firstValue("x-openstack-request-id").orElseThrow())
                .matches("req-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void noauthIgnoresClientRequestIds() {
        HttpResponse<String> r =
                noauth.get("/v2/images/abc", "X-Openstack-Request-Id", "req-0f8fad5b-d9cb-469f-a165-70867728950e");
        assertThat(r.headers().firstValue("x-openstack-request-id").orElseThrow())
                .isNotEqualTo("req-0f8fad5b-d9cb-469f-a165-70867728950e")
                .startsWith("req-");
    }
}
