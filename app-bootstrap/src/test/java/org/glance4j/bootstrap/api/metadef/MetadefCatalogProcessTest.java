package org.glance4j.bootstrap.api.metadef;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.glance4j.bootstrap.GlanceApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code glance4j db load-metadefs} and {@code db export-metadefs} as child processes of the runnable jar, on the
 * database of a server that is running meanwhile: the standard catalog (33 namespaces) loads whole, reads back
 * through the API exactly as the files say, loads a second time without change, and exports to files that load
 * into a fresh database as the same catalog.
 */
class MetadefCatalogProcessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final long GUARD_SECONDS = 180;

    @TempDir
    Path work;

    @Test
    void theStandardCatalogLoadsOnceReadsBackAndExports() throws Exception {
        Path catalog =
                Path.of(MetadefCatalogProcessTest.class.getResource("/metadefs").toURI());
        Path data = work.resolve("data");
        try (GlanceApplication server = GlanceApplication.start(List.of(
                "--bind", "127.0.0.1", "--port", "0", "--data-dir", data.toString(), "--auth", "trusted-headers"))) {
            URI base = server.baseUri();
            assertThat(namespaces(base, "p-admin", "admin,member,reader")).isEmpty();

            Run first = db("load-metadefs", catalog.toString(), "--data-dir", data.toString());
            assertThat(first.status()).as(first.output()).isZero();
            assertThat(first.output()).contains("33 loaded, 0 skipped (already there), 0 failed");

            List<JsonNode> all = namespaces(base, "p-admin", "admin,member,reader");
            assertThat(all).hasSize(33);
            List<JsonNode> forMember = namespaces(base, "p-other", "member,reader");
            assertThat(forMember)
                    .as("two files name no visibility: private, owned by admin")
                    .hasSize(31);
            for (Path file : files(catalog)) {
                assertShownAsFileSays(base, JSON.readTree(file.toFile()));
            }

            Run again = db("load-metadefs", catalog.toString(), "--data-dir=" + data);
            assertThat(again.status()).as(again.output()).isZero();
            assertThat(again.output()).contains("0 loaded, 33 skipped (already there), 0 failed");
            assertThat(namespaces(base, "p-admin", "admin,member,reader")).hasSize(33);

            Path exported = work.resolve("exported");
            Run export = db("export-metadefs", exported.toString(), "--data-dir", data.toString());
            assertThat(export.status()).as(export.output()).isZero();
            assertThat(files(exported)).hasSize(33);
            Set<String> names = new HashSet<>();
            for (Path file : files(exported)) {
                names.add(JSON.readTree(file.toFile()).get("namespace").asText());
            }
            assertThat(names).hasSize(33);

            Path copy = work.resolve("copy");
            Run reload = db("load-metadefs", exported.toString(), "--data-dir", copy.toString());
            assertThat(reload.status()).as(reload.output()).isZero();
            assertThat(reload.output()).contains("33 loaded");
        }
        try (GlanceApplication copyServer = GlanceApplication.start(List.of(
                "--bind",
                "127.0.0.1",
                "--port",
                "0",
                "--data-dir",
                work.resolve("copy").toString(),
                "--auth",
                "trusted-headers"))) {
            for (Path file : files(catalog)) {
                assertShownAsFileSays(copyServer.baseUri(), JSON.readTree(file.toFile()));
            }
        }
    }

    @Test
    void badFilesAreReportedAndTheOthersStillLoad() throws Exception {
        Path folder = Files.createDirectories(work.resolve("mixed"));
        Files.writeString(
                folder.resolve("a-good.json"),
                "{\"namespace\": \"OS::Glance4j::Good\", " + "\"tags\": [{\"name\": \"t\"}]}");
        Files.writeString(folder.resolve("b-broken.json"), "{\"namespace\": ");
        Files.writeString(folder.resolve("c-invalid.json"), "{\"display_name\": \"no name\"}");
        Files.writeString(folder.resolve("d-ignored.txt"), "not a namespace");
        Run run = db(
                "load-metadefs",
                folder.toString(),
                "--data-dir",
                work.resolve("data").toString());
        assertThat(run.status()).as(run.output()).isEqualTo(1);
        assertThat(run.output())
                .contains("loaded OS::Glance4j::Good from a-good.json")
                .contains("b-broken.json is not a JSON object")
                .contains("c-invalid.json not loaded: Provided object does not match schema 'namespace': "
                        + "'namespace' is a required property")
                .contains("1 loaded, 0 skipped (already there), 2 failed");

        Run usage = db("load-metadefs");
        assertThat(usage.status()).isEqualTo(2);
        assertThat(usage.output()).contains("glance4j: Missing required parameter: 'FOLDER'");
        assertThat(db("unload-metadefs", "x").status()).isEqualTo(2);
    }

    private static void assertShownAsFileSays(URI base, JsonNode file) throws Exception {
        String name = file.get("namespace").asText();
        JsonNode shown = get(base, "/v2/metadefs/namespaces/" + name, "p-admin", "admin,member,reader");
        assertThat(shown.get("display_name")).isEqualTo(file.get("display_name"));
        assertThat(shown.get("description")).isEqualTo(file.get("description"));
        assertThat(shown.get("visibility").asText())
                .isEqualTo(file.has("visibility") ? file.get("visibility").asText() : "private");
        assertThat(shown.get("protected").asBoolean())
                .isEqualTo(file.path("protected").asBoolean(false));
        assertThat(shown.get("owner").asText()).isEqualTo("admin");
        if (file.has("properties") && !file.get("properties").isEmpty()) {
            assertThat(shown.get("properties")).as(name).isEqualTo(asAnswered(file.get("properties")));
        } else {
            assertThat(shown.has("properties")).isFalse();
        }
        List<String> objects = new ArrayList<>();
        file.path("objects").forEach(o -> objects.add(o.get("name").asText()));
        assertThat(shown.path("objects").findValuesAsText("name")).as(name).containsExactlyElementsOf(objects);
        for (JsonNode object : file.path("objects")) {
            JsonNode shownObject = get(
                    base,
                    "/v2/metadefs/namespaces/" + name + "/objects/"
                            + java.net.URLEncoder.encode(object.get("name").asText(), StandardCharsets.UTF_8)
                                    .replace("+", "%20"),
                    "p-admin",
                    "admin,member,reader");
            assertThat(shownObject.get("properties")).as(name).isEqualTo(asAnswered(object.get("properties")));
        }
        List<String> associations = new ArrayList<>();
        file.path("resource_type_associations")
                .forEach(a -> associations.add(a.get("name").asText()));
        assertThat(shown.path("resource_type_associations").findValuesAsText("name"))
                .as(name)
                .containsExactlyElementsOf(associations);
    }

    /** Definitions as Glance answers them: a number or boolean {@code default} as text ("1", "True"). */
    private static JsonNode asAnswered(JsonNode definitions) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = definitions.deepCopy();
        copy.forEach(definition -> {
            JsonNode value = definition.get("default");
            if (value != null && value.isNumber()) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) definition).put("default", value.asText());
            } else if (value != null && value.isBoolean()) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) definition)
                        .put("default", value.asBoolean() ? "True" : "False");
            }
        });
        return copy;
    }

    private static List<JsonNode> namespaces(URI base, String project, String roles) throws Exception {
        List<JsonNode> list = new ArrayList<>();
        get(base, "/v2/metadefs/namespaces?limit=1000", project, roles)
                .get("namespaces")
                .forEach(list::add);
        return list;
    }

    private static JsonNode get(URI base, String path, String project, String roles) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("X-Identity-Status", "Confirmed")
                .header("X-User-Id", "u-" + project)
                .header("X-Project-Id", project)
                .header("X-Roles", roles)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("GET %s: %s", path, response.body())
                .isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
    }

    /** The exit status and the output (both streams) of one {@code glance4j db ...} process. */
    private record Run(int status, String output) {}

    private Run db(String... args) throws Exception {
        Path jar = Path.of(System.getProperty("glance4j.jar", "target/glance4j.jar"));
        assertThat(jar).as("the runnable jar; run these tests with mvn verify").exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                jar.toString(),
                "db"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(work, "db", ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(process.waitFor(GUARD_SECONDS, TimeUnit.SECONDS))
                .as("the db command ended")
                .isTrue();
        return new Run(process.exitValue(), Files.readString(log));
    }
}
