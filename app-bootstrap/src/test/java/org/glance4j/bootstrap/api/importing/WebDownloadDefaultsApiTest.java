package org.glance4j.bootstrap.api.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.glance4j.bootstrap.api.Api;
import org.glance4j.bootstrap.api.ApiResponse;
import org.glance4j.bootstrap.api.ApiTarget;
import org.glance4j.bootstrap.api.Persona;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * web-download on a server with the default {@code [import_filtering_opts]}: what is refused at once, with 400, and
 * the image stays queued.
 */
@ExtendWith(ApiTarget.class)
class WebDownloadDefaultsApiTest {

    private final Persona member = Persona.of("member", "p-" + UUID.randomUUID(), "member", "reader");

    private String queuedImage() {
        ApiResponse created = Api.as(member)
                .post(
                        "/v2/images",
                        Map.of("name", "wd-" + UUID.randomUUID(), "disk_format", "raw", "container_format", "bare"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private ApiResponse webDownload(String id, String uri) {
        return Api.as(member)
                .post("/v2/images/" + id + "/import", Map.of("method", Map.of("name", "web-download", "uri", uri)));
    }

    @Test
    void aPortOutsideTheDefaultAllowListIsRefused() {
        String id = queuedImage();
        ApiResponse refused = webDownload(id, "http://example.com:8080/disk.img");
        assertThat(refused.status()).as("%s", refused).isEqualTo(400);
        assertThat(refused.body()).contains("URI for web-download does not pass filtering");
        assertThat(webDownload(id, "ftp://example.com/disk.img").status()).isEqualTo(400);
        ApiResponse image = Api.as(member).get("/v2/images/" + id);
        assertThat(image.json().get("status").asText()).isEqualTo("queued");
    }

    /** Glance 25.1.0 has no address rule: it accepts these and fails later, in the task. */
    @Test
    @Tag("glance4j-extra")
    void loopbackLinkLocalAndPrivateAddressesAreRefusedUnlessAllowed() {
        String id = queuedImage();
        for (String uri : new String[] {
            "http://127.0.0.1/disk.img",
            "http://169.254.169.254/latest/meta-data",
            "http://10.0.0.1/disk.img",
            "http://[::1]/disk.img",
            "http://2130706433/disk.img",
            "http://localhost/disk.img"
        }) {
            ApiResponse refused = webDownload(id, uri);
            assertThat(refused.status()).as("%s: %s", uri, refused).isEqualTo(400);
        }
        assertThat(Api.as(member).get("/v2/images/" + id).json().get("status").asText())
                .isEqualTo("queued");
    }

    /**
     * Glance answers only "URI for web-download does not pass filtering: URI" (glance/api/v2/images.py, import_image,
     * after utils.validate_import_uri) and leaves the reason to its debug log; glance4j adds the rule that refused it,
     * in JSON and in the HTML page alike, without the internal address a name resolved to.
     */
    @Test
    @Tag("glance4j-extra")
    void theRefusalSaysWhichRuleTheUriBroke() {
        String id = queuedImage();
        String internal = " an internal address (loopback, private, link-local or the like), which is not fetched";
        Map<String, String> reasons = Map.of(
                "http://example.com:8080/disk.img", "the port 8080 is not allowed (allowed: 80, 443)",
                "ftp://example.com/disk.img", "the scheme ftp is not allowed (allowed: http, https)",
                "http://127.0.0.1/disk.img", "the host 127.0.0.1 is" + internal,
                "http://localhost/disk.img", "the host localhost resolves to" + internal,
                "http://2130706433/disk.img", "the host is missing or is not a plain host name or IP address",
                "http://no-such-host.invalid/disk.img", "the host no-such-host.invalid does not resolve");
        reasons.forEach((uri, reason) -> {
            ApiResponse json = Api.as(member)
                    .send(
                            "POST",
                            "/v2/images/" + id + "/import",
                            "application/json",
                            Map.of("method", Map.of("name", "web-download", "uri", uri)),
                            Map.of("Accept", "application/json"));
            assertThat(json.status()).as("%s: %s", uri, json).isEqualTo(400);
            assertThat(json.json().get("message").asText())
                    .isEqualTo("URI for web-download does not pass filtering: " + uri + " (" + reason + ")");
            assertThat(webDownload(id, uri).body()).as("the HTML page").contains(reason);
        });
        assertThat(webDownload(id, "http://localhost/disk.img").body()).doesNotContain("127.0.0.1");
    }

    @Test
    void theImportMethodsHeaderComesWithCreate() {
        ApiResponse created = Api.as(member).post("/v2/images", Map.of("name", "hdr-" + UUID.randomUUID()));
        assertThat(created.headers().firstValue("OpenStack-image-import-methods"))
                .isPresent();
    }
}
