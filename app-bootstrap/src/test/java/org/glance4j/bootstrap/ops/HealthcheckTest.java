package org.glance4j.bootstrap.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glance4j.bootstrap.ops.ServerUnderTest.get;
import static org.glance4j.bootstrap.ops.ServerUnderTest.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.glance4j.bootstrap.GlanceApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /healthcheck of a real server, as oslo.middleware answers it in Glance's pipeline, and its detailed form. */
class HealthcheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void answersOkUntilTheDisableFileExistsThenDisabledByFileAndOkAgainWhenItIsGone(@TempDir Path dir)
            throws Exception {
        Path disable = dir.resolve("healthcheck_disable");
        try (GlanceApplication app = start(dir, disable)) {
            URI health = app.baseUri().resolve("healthcheck");
            HttpResponse<String> ok = send(get(health));
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("OK");
            assertThat(ok.headers().firstValue("Content-Type")).hasValue("text/plain; charset=UTF-8");
            assertThat(send(HttpRequest.newBuilder(health).method("HEAD", HttpRequest.BodyPublishers.noBody()))
                            .statusCode())
                    .isEqualTo(204);
            HttpResponse<String> json = send(get(health).header("Accept", "application/json"));
            assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(JSON.readTree(json.body()))
                    .isEqualTo(JSON.readTree("{\"detailed\": false, \"reasons\": [\"OK\"]}"));
            assertThat(send(get(health).header("Accept", "text/html")).body()).contains("<TD>OK</TD>");

            Files.writeString(disable, "");
            HttpResponse<String> disabled = send(get(health));
            assertThat(disabled.statusCode()).isEqualTo(503);
            assertThat(disabled.body()).isEqualTo("DISABLED BY FILE");
            assertThat(send(HttpRequest.newBuilder(health).method("HEAD", HttpRequest.BodyPublishers.noBody()))
                            .statusCode())
                    .isEqualTo(503);
            assertThat(JSON.readTree(send(get(health).header("Accept", "application/json"))
                                    .body())
                            .get("reasons")
                            .get(0)
                            .asText())
                    .isEqualTo("DISABLED BY FILE");

            Files.delete(disable);
            assertThat(send(get(health)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void needsNoIdentityWhileTheApiDoes(@TempDir Path dir) throws Exception {
        try (GlanceApplication app = start(dir, null, "--auth", "trusted-headers")) {
            assertThat(send(get(app.baseUri().resolve("healthcheck"))).statusCode())
                    .isEqualTo(200);
            assertThat(send(get(app.baseUri().resolve("v2/images"))).statusCode())
                    .isEqualTo(401);
        }
    }

    @Test
    void theDetailedFormIsForAdminsAndChecksTheDatabaseAndEveryStore(@TempDir Path dir) throws Exception {
        Path disable = dir.resolve("healthcheck_disable");
        try (GlanceApplication app = start(dir, disable, "--auth", "trusted-headers")) {
            URI detailed = app.baseUri().resolve("healthcheck?detailed=true");
            assertThat(send(get(detailed)).statusCode()).isEqualTo(401);
            assertThat(send(as(get(detailed), "member,reader")).statusCode()).isEqualTo(403);

            HttpResponse<String> answer = send(as(get(detailed), "admin,member,reader"));
            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(answer.body());
            assertThat(body.get("detailed").asBoolean()).isTrue();
            assertThat(body.get("reasons"))
                    .extracting(r -> r.get("class").asText())
                    .containsExactly("DisableByFileHealthcheck", "database", "store:file");
            assertThat(body.get("reasons"))
                    .allSatisfy(r -> assertThat(r.get("reason").asText()).isEqualTo("OK"));
            try (var files = Files.list(dir.resolve("data/images"))) {
                assertThat(files).as("the store probe deletes what it wrote").isEmpty();
            }

            Files.writeString(disable, "");
            HttpResponse<String> disabled = send(as(get(detailed), "admin"));
            assertThat(disabled.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(disabled.body())
                            .get("reasons")
                            .get(0)
                            .get("reason")
                            .asText())
                    .isEqualTo("DISABLED BY FILE");
        }
    }

    @Test
    void theDetailedFormIsUnavailableWhenAStoreFails(@TempDir Path dir) throws Exception {
        try (GlanceApplication app = start(dir, null)) {
            Path images = dir.resolve("data/images");
            try (var files = Files.list(images)) {
                assertThat(files).isEmpty();
            }
            Files.delete(images);
            Files.writeString(images, "a file where the store's directory was");
            HttpResponse<String> answer = send(get(app.baseUri().resolve("healthcheck?detailed=true")));
            assertThat(answer.statusCode()).isEqualTo(503);
            JsonNode store = JSON.readTree(answer.body()).get("reasons").get(2);
            assertThat(store.get("class").asText()).isEqualTo("store:file");
            assertThat(store.get("reason").asText()).isEqualTo("UNAVAILABLE");
            assertThat(send(get(app.baseUri().resolve("healthcheck"))).statusCode())
                    .as("the simple form checks nothing but the disable file")
                    .isEqualTo(200);
        }
    }

    private static HttpRequest.Builder as(HttpRequest.Builder request, String roles) {
        return request.header("X-Identity-Status", "Confirmed")
                .header("X-User-Id", "u1")
                .header("X-Project-Id", "p1")
                .header("X-Roles", roles);
    }

    private static GlanceApplication start(Path dir, Path disable, String... flags) throws Exception {
        Path conf = dir.resolve("glance-api.conf");
        Files.writeString(conf, disable == null ? "" : "[healthcheck]\ndisable_by_file_path = " + disable + "\n");
        List<String> args = new java.util.ArrayList<>(
                List.of("--port", "0", "--data-dir", dir.resolve("data").toString(), "--config", conf.toString()));
        args.addAll(List.of(flags));
        return GlanceApplication.start(args);
    }
}
