package org.glance4j.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.glance4j.bootstrap.GlanceApplication;
import org.glance4j.jdbc.JdbcRepositories;
import org.glance4j.jdbc.JdbcSettings;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.Visibility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record stored before the text rules were tightened (control characters in its name, a property key and a
 * tag, written straight through the SQLite repository) keeps working: a request that changes something else
 * succeeds and leaves the old values as they are, the old key can be removed, and a request that sets a new value
 * with a control character is still refused.
 */
@Tag(ImageDataExtrasApiTest.GLANCE4J_EXTRA)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyTextApiTest {

    private static final String OLD_NAME = "old\u0001name";
    private static final String OLD_KEY = "legacy\tkey";
    private static final String OLD_TAG = "tab\ttag";

    private final String project = "p" + UUID.randomUUID().toString().replace("-", "");
    private final Persona owner = Persona.of("member", project, "member", "reader");
    private final String id = UUID.randomUUID().toString();
    private final String removable = UUID.randomUUID().toString();

    @TempDir
    static Path dir;

    private GlanceApplication server;
    private Api api;

    @BeforeAll
    void storeALegacyRecordThenStart() throws Exception {
        assumeThat(ApiTarget.isExternal()).as("starts its own glance4j server").isFalse();
        Path data = Files.createDirectories(dir.resolve("data"));
        Instant now = Instant.parse("2020-01-01T00:00:00Z");
        try (JdbcRepositories repositories =
                JdbcRepositories.open(JdbcSettings.sqlite(data.resolve("glance.sqlite"), 2))) {
            repositories
                    .images()
                    .add(Image.builder(id, now)
                            .name(OLD_NAME)
                            .owner(project)
                            .status(ImageStatus.QUEUED)
                            .visibility(Visibility.PRIVATE)
                            .tags(List.of(OLD_TAG))
                            .properties(Map.of(OLD_KEY, "v", "plain", "1"))
                            .build());
            repositories
                    .images()
                    .add(Image.builder(removable, now)
                            .name(OLD_NAME)
                            .owner(project)
                            .status(ImageStatus.QUEUED)
                            .visibility(Visibility.PRIVATE)
                            .properties(Map.of(OLD_KEY, "v"))
                            .build());
        }
        server = GlanceApplication.start(List.of(
                "--bind", "127.0.0.1", "--port", "0", "--data-dir", data.toString(), "--auth", "trusted-headers"));
        api = Api.at(java.net.URI.create("http://127.0.0.1:" + server.port()), owner);
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void changingAnotherFieldKeepsTheOldValuesAndSucceeds() {
        ApiResponse patched = api.patch(
                "/v2/images/" + id,
                "[{\"op\": \"replace\", \"path\": \"/min_ram\", \"value\":"
                        + " 512}, {\"op\": \"add\", \"path\": \"/description\", \"value\": \"two\\nlines\"},"
                        + " {\"op\": \"replace\", \"path\": \"/plain\", \"value\": \"2\"}]");
        assertThat(patched.status()).as("%s", patched).isEqualTo(200);
        JsonNode image = patched.json();
        assertThat(image.get("min_ram").asInt()).isEqualTo(512);
        assertThat(image.get("plain").asText()).isEqualTo("2");
        assertThat(image.get("name").asText()).isEqualTo(OLD_NAME);
        assertThat(image.get(OLD_KEY).asText()).isEqualTo("v");
        assertThat(image.get("tags").get(0).asText()).isEqualTo(OLD_TAG);

        ApiResponse tagged = api.put("/v2/images/" + id + "/tags/fine");
        assertThat(tagged.status()).as("%s", tagged).isEqualTo(204);
    }

    @Test
    void settingANewValueWithAControlCharacterIsStillRefused() {
        assertRefused(
                api.patch(
                        "/v2/images/" + id,
                        "[{\"op\": \"replace\", \"path\": \"/name\", \"value\":" + " \"new\\u0001name\"}]"),
                "Name must not contain control characters");
        assertRefused(
                api.patch("/v2/images/" + id, "[{\"op\": \"add\", \"path\": \"/other\\tkey\", \"value\":" + " \"v\"}]"),
                "Property name");
        assertRefused(
                api.patch(
                        "/v2/images/" + id,
                        "[{\"op\": \"add\", \"path\": \"/tags\", \"value\":" + " [\"" + OLD_TAG.replace("\t", "\\t")
                                + "\", \"new\\ttag\"]}]"),
                "Tag");
        assertRefused(api.put("/v2/images/" + id + "/tags/new%09tag"), "Tag");
    }

    @Test
    void theOldKeyCanBeRemoved() {
        ApiResponse removed =
                api.patch("/v2/images/" + removable, "[{\"op\": \"remove\", \"path\": \"/legacy\\tkey\"}]");
        assertThat(removed.status()).as("%s", removed).isEqualTo(200);
        assertThat(removed.json().has(OLD_KEY)).isFalse();
        assertThat(removed.json().get("name").asText()).isEqualTo(OLD_NAME);
    }

    private static void assertRefused(ApiResponse response, String messagePart) {
        assertThat(response.status()).as("%s", response).isEqualTo(400);
        assertThat(response.json().get("message").asText()).contains(messagePart);
    }
}
