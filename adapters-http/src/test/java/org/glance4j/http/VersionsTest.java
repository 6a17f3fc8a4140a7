package org.glance4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionsTest {
    private static ServerFixture fx;

    @BeforeAll
    static void start() {
        fx = new ServerFixture(AuthMode.TRUSTED_HEADERS);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void rootAnswersMultipleChoicesWithEveryVersionAndNeedsNoIdentity() {
        HttpResponse<String> r = fx.get("/");
        assertThat(r.statusCode()).isEqualTo(300);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode versions = ServerFixture.json(r).get("versions");
        assertThat(versions).hasSize(11);
        assertThat(versions.get(0).get("id").asText()).isEqualTo("v2.17");
        assertThat(versions.get(0).get("status").asText()).isEqualTo("CURRENT");
        assertThat(versions.findValuesAsText("status")).containsOnlyOnce("CURRENT");
        assertThat(versions.findValuesAsText("id")).doesNotContain("v2.18", "v2.16", "v2.14", "v2.13", "v2.8");
        assertThat(versions.get(10).get("id").asText()).isEqualTo("v2.0");
        assertThat(versions.get(10).get("status").asText()).isEqualTo("SUPPORTED");
        JsonNode link = versions.get(5).get("links").get(0);
        assertThat(link.get("rel").asText()).isEqualTo("self");
        assertThat(link.get("href").asText()).isEqualTo("http://127.0.0.1:" + fx.server.port() + "/v2/");
    }

    @Test
    void versionsAreListedNewestFirst() {
        JsonNode versions = ServerFixture.json(fx.get("/versions")).get("versions");
        assertThat(versions.findValuesAsText("id"))
                .containsExactly(
                        "v2.17", "v2.15", "v2.9", "v2.7", "v2.6", "v2.5", "v2.4", "v2.3", "v2.2", "v2.1", "v2.0");
    }

    @Test
    void versionsAnswersOk() {
        HttpResponse<String> r = fx.get("/versions");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ServerFixture.json(r).get("versions")).hasSize(11);
        assertThat(r.headers().firstValue("x-openstack-request-id").orElseThrow())
                .startsWith("req-");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/v1/images",
                "/v3/images",
                "/v3",
                "/images",
                "/v2.19/images",
                "/v2.18/images",
                "/v2.13/images",
                "/v2.8/images",
                "/v2.x/images",
                "/schemas/image"
            })
    void unknownVersionsGiveTheVersionDocument(String path) {
        HttpResponse<String> r = fx.get(path);
        assertThat(r.statusCode()).isEqualTo(300);
        assertThat(ServerFixture.json(r).get("versions")).hasSize(11);
    }

    @Test
    void v2RedirectsToTrailingSlashAfterIdentity() {
        HttpResponse<String> r = fx.get("/v2", TrustedHeaders.admin());
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("location")).hasValue("http://127.0.0.1:" + fx.server.port() + "/v2/");
        assertThat(fx.get("/v2").statusCode()).isEqualTo(401);
        assertThat(fx.get("/v2/", TrustedHeaders.admin()).statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v2", "v2.0", "v2.1", "v2.7", "v2.9", "v2.15", "v2.17"})
    void everyPublishedMinorVersionServesTheApi(String version) {
        HttpResponse<String> r = fx.get("/" + version + "/images", TrustedHeaders.admin());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ServerFixture.json(r).get("first").asText()).isEqualTo("/v2/images");
    }

    @Test
    void vendorAcceptHeaderNamesTheVersionWithoutAPathPrefix() {
        String[] headers = TrustedHeaders.with("Accept", "application/vnd.openstack.images-v2.1");
        assertThat(fx.get("/images", headers).statusCode()).isEqualTo(200);
        String[] unknown = TrustedHeaders.with("Accept", "application/vnd.openstack.images-v9");
        assertThat(fx.get("/images", unknown).statusCode()).isEqualTo(300);
    }
}
