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
        ApiResponse created = Api.as(member).post("/v2/images", Map.of("name", "wd-" + UUID.randomUUID(),
                "disk_format", "raw", "container_format", "bare"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private ApiResponse webDownload(String id, String uri) {
        return Api.as(member).post("/v2/images/" + id + "/import",
                Map.of("method", Map.of("name", "web-download", "uri", uri)));
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
        for (String uri : new String[] {"http://127.0.0.1/disk.img", "http://169.254.169.254/latest/meta-data",
                "http://10.0.0.1/disk.img", "http://[::1]/disk.img", "http://2130706433/disk.img",
                "http://localhost/disk.img"}) {
            ApiResponse refused = webDownload(id, uri);
            assertThat(refused.status()).as("%s: %s", uri, refused).isEqualTo(400);
        }
        assertThat(Api.as(member).get("/v2/images/" + id).json().get("status").asText()).isEqualTo("queued");
    }

    @Test
    void theImportMethodsHeaderComesWithCreate() {
        ApiResponse created = Api.as(member).post("/v2/images", Map.of("name", "hdr-" + UUID.randomUUID()));
        assertThat(created.headers().firstValue("OpenStack-image-import-methods")).isPresent();
    }
}
