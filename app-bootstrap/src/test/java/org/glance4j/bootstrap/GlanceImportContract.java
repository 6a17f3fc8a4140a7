package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.glance4j.jdbc.JdbcRepositories;
import org.glance4j.jdbc.JdbcSettings;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.metadef.MetadefProperty;
import org.glance4j.ports.model.task.Task;
import org.glance4j.ports.testing.RequiredTool;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code glance4j db import-glance} against a real Glance database: the schema is made by Glance's own
 * {@code glance-manage db_sync} (Debian's glance-common), the rows are written by SQL as Glance writes them, and a
 * glance4j server started on the imported data serves the images: the same fields, the same bytes from the file
 * Glance's file store wrote, and the same sharing. One subclass per database Glance may keep its records in.
 */
abstract class GlanceImportContract {

    /** An empty database for Glance: its SQLAlchemy URL (for glance-manage and --from) and its JDBC terms. */
    record GlanceDb(String sqlAlchemyUrl, String jdbcUrl, String user, String password) {}

    /** A new, empty database for one test. */
    abstract GlanceDb newGlanceDatabase(Path work) throws Exception;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ACTIVE = "0a000000-0000-4000-8000-000000000001";
    private static final String SHARED = "0b000000-0000-4000-8000-000000000002";
    private static final String DELETED = "0c000000-0000-4000-8000-000000000003";
    private static final String SCRUBBING = "0d000000-0000-4000-8000-000000000004";
    private static final String TASK_DONE = "1a000000-0000-4000-8000-000000000001";
    private static final String TASK_RUNNING = "1b000000-0000-4000-8000-000000000002";
    private static final String TASK_GONE = "1c000000-0000-4000-8000-000000000003";
    private static final String NAMESPACE = "OS::Compute::Example";
    private static final byte[] DATA =
            "the bytes Glance's file store wrote\n".repeat(100).getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path work;

    GlanceDb glanceDb;
    Path glanceImages;
    Path config;

    @BeforeEach
    void aGlanceDatabase() throws Exception {
        String manage = glanceManage();
        glanceDb = newGlanceDatabase(work);
        glanceImages = Files.createDirectories(work.resolve("glance-images"));
        Path glanceConf = work.resolve("glance-api.conf");
        Files.writeString(glanceConf, "[database]\nconnection = " + glanceDb.sqlAlchemyUrl() + "\n");
        Path log = work.resolve("db_sync.log");
        Process sync = new ProcessBuilder(manage, "--config-file", glanceConf.toString(), "db_sync")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(sync.waitFor(300, TimeUnit.SECONDS))
                .as("glance-manage db_sync ended")
                .isTrue();
        assertThat(sync.exitValue()).as(Files.readString(log)).isZero();
        fill();
        config = work.resolve("glance4j.conf");
        Files.writeString(config, "[glance_store]\nfilesystem_store_datadir = " + glanceImages + "\n");
    }

    /** glance-manage, or the test is skipped (locally) or fails (under CI=true, where .ci/run installs it). */
    private static String glanceManage() {
        return RequiredTool.program("glance-manage", "glance-common").toString();
    }

    /** Rows as Glance writes them; booleans as '0'/'1', which SQLite, PostgreSQL and MariaDB all take. */
    private void fill() throws Exception {
        Files.write(glanceImages.resolve(ACTIVE), DATA);
        String md5 = hex("MD5", DATA);
        String sha512 = hex("SHA-512", DATA);
        String columns = "INSERT INTO images (id, name, size, status, created_at, updated_at, deleted_at, deleted,"
                + " disk_format, container_format, checksum, owner, min_disk, min_ram, protected, virtual_size,"
                + " visibility, os_hidden, os_hash_algo, os_hash_value) VALUES ";
        try (Connection c = DriverManager.getConnection(glanceDb.jdbcUrl(), glanceDb.user(), glanceDb.password());
                Statement s = c.createStatement()) {
            s.executeUpdate(columns + "('" + ACTIVE + "', 'cirros', " + DATA.length + ", 'active',"
                    + " '2024-01-02 03:04:05.000000', '2024-01-03 04:05:06.123456', NULL, '0', 'qcow2', 'bare', '"
                    + md5 + "', 'p-owner', 1, 64, '1', 4096, 'public', '0', 'sha512', '" + sha512 + "')");
            s.executeUpdate(columns + "('" + SHARED + "', 'shared one', NULL, 'active', '2024-02-01 00:00:00.000000',"
                    + " NULL, NULL, '0', 'raw', 'bare', NULL, 'p-owner', 0, 0, '0', NULL, 'shared', '1', NULL, NULL)");
            s.executeUpdate(columns + "('" + DELETED + "', 'gone', NULL, 'deleted', '2024-02-01 00:00:00',"
                    + " '2024-02-02 00:00:00', '2024-02-02 00:00:00', '1', NULL, NULL, NULL, 'p-owner', 0, 0, '0',"
                    + " NULL, 'private', '0', NULL, NULL)");
            s.executeUpdate(columns + "('" + SCRUBBING + "', 'scrubbing', 12, 'pending_delete', '2024-02-01 00:00:00',"
                    + " '2024-02-03 00:00:00', '2024-02-03 00:00:00', '1', 'raw', 'bare', NULL, 'p-owner', 0, 0, '0',"
                    + " NULL, 'public', '0', NULL, NULL)");
            s.executeUpdate("INSERT INTO image_properties (image_id, name, value, created_at, deleted) VALUES"
                    + " ('" + ACTIVE + "', 'architecture', 'x86_64', '2024-01-02 03:04:05', '0'),"
                    + " ('" + ACTIVE + "', 'hw_disk_bus', 'virtio', '2024-01-02 03:04:05', '0'),"
                    + " ('" + ACTIVE + "', 'removed_once', 'old', '2024-01-02 03:04:05', '1')");
            s.executeUpdate("INSERT INTO image_tags (image_id, value, created_at, deleted) VALUES"
                    + " ('" + ACTIVE + "', 'first', '2024-01-02 03:04:05', '0'),"
                    + " ('" + ACTIVE + "', 'second', '2024-01-02 03:04:06', '0'),"
                    + " ('" + ACTIVE + "', 'untagged', '2024-01-02 03:04:07', '1')");
            s.executeUpdate("INSERT INTO image_members (image_id, member, can_share, created_at, updated_at,"
                    + " deleted, status) VALUES"
                    + " ('" + SHARED + "', 'p-friend', '0', '2024-02-01 00:00:00', '2024-02-01 01:00:00', '0',"
                    + " 'accepted'),"
                    + " ('" + SHARED + "', 'p-asked', '0', '2024-02-01 00:00:00', NULL, '0', 'pending'),"
                    + " ('" + SHARED + "', 'p-former', '0', '2024-02-01 00:00:00', NULL, '1', 'accepted')");
            s.executeUpdate("INSERT INTO image_locations (image_id, value, created_at, deleted, meta_data, status)"
                    + " VALUES ('" + ACTIVE + "', 'file://" + glanceImages.resolve(ACTIVE) + "',"
                    + " '2024-01-02 03:04:05', '0', '{}', 'active'),"
                    + " ('" + SHARED + "', 's3://AKIAKEY:TOPSECRETKEY@s3.example.org/glance/" + SHARED + "',"
                    + " '2024-02-01 00:00:00', '0', '{\"store\": \"cold\"}', 'active')");
            fillTasks(s);
            fillMetadefs(s);
        }
    }

    /** A finished import, one still running and one that expired and that Glance soft-deleted. */
    private static void fillTasks(Statement s) throws Exception {
        String columns = "INSERT INTO tasks (id, type, status, owner, expires_at, created_at, updated_at, deleted_at,"
                + " deleted, image_id, request_id, user_id) VALUES ";
        s.executeUpdate(columns + "('" + TASK_DONE + "', 'import', 'success', 'p-owner', '2099-01-01 00:00:00',"
                + " '2024-03-01 10:00:00.250000', '2024-03-01 10:05:00', NULL, '0', '" + ACTIVE + "', 'req-1',"
                + " 'u-owner')");
        s.executeUpdate(columns + "('" + TASK_RUNNING + "', 'api_image_import', 'processing', 'p-owner', NULL,"
                + " '2024-03-02 10:00:00', NULL, NULL, '0', '" + SHARED + "', 'req-2', 'u-owner')");
        s.executeUpdate(columns + "('" + TASK_GONE + "', 'import', 'failure', 'p-owner', '2024-03-04 00:00:00',"
                + " '2024-03-03 00:00:00', '2024-03-03 00:01:00', '2024-03-05 00:00:00', '1', NULL, NULL, NULL)");
        s.executeUpdate("INSERT INTO task_info (task_id, input, result, message) VALUES"
                + " ('" + TASK_DONE + "', '{\"import_from\": \"http://example.org/cirros.img\", \"import_from_format\":"
                + " \"qcow2\", \"image_properties\": {\"name\": \"cirros\", \"min_ram\": 64}}',"
                + " '{\"image_id\": \"" + ACTIVE + "\"}', ''),"
                + " ('" + TASK_RUNNING + "', '{\"image_id\": \"" + SHARED + "\"}', NULL, NULL),"
                + " ('" + TASK_GONE + "', '{}', NULL, 'it broke')");
    }

    /** Two resource types (one protected), a public protected namespace with some of everything, a bare one. */
    private static void fillMetadefs(Statement s) throws Exception {
        s.executeUpdate("INSERT INTO metadef_resource_types (id, name, protected, created_at, updated_at) VALUES"
                + " (1, 'OS::Glance::Image', '1', '2024-04-01 00:00:00', NULL),"
                + " (2, 'OS::Cinder::Volume', '0', '2024-04-01 00:00:00', '2024-04-02 00:00:00')");
        s.executeUpdate("INSERT INTO metadef_namespaces (id, namespace, display_name, description, visibility,"
                + " protected, owner, created_at, updated_at) VALUES"
                + " (1, '" + NAMESPACE + "', 'Example', 'Some of everything', 'public', '1', 'admin',"
                + " '2024-04-01 00:00:00', '2024-04-01 01:00:00'),"
                + " (2, 'Private::Mine', NULL, NULL, 'private', '0', 'p-owner', '2024-04-03 00:00:00', NULL)");
        s.executeUpdate("INSERT INTO metadef_objects (id, namespace_id, name, description, required, json_schema,"
                + " created_at, updated_at) VALUES (1, 1, 'CPU', 'the processor', 'cores,sockets',"
                + " '{\"cores\": {\"type\": \"integer\", \"minimum\": 1}, \"sockets\": {\"type\": \"integer\"}}',"
                + " '2024-04-01 00:00:00', NULL)");
        s.executeUpdate("INSERT INTO metadef_properties (id, namespace_id, name, json_schema, created_at, updated_at)"
                + " VALUES (1, 1, 'hw_rng', '{\"type\": \"boolean\", \"title\": \"RNG\"}', '2024-04-01 00:00:00',"
                + " NULL), (2, 1, 'hw_size', '{\"type\": \"integer\", \"title\": \"Size\", \"maximum\": 8}',"
                + " '2024-04-01 00:00:00', NULL)");
        s.executeUpdate("INSERT INTO metadef_tags (id, namespace_id, name, created_at, updated_at) VALUES"
                + " (1, 1, 'fast', '2024-04-01 00:00:00', NULL)");
        s.executeUpdate("INSERT INTO metadef_namespace_resource_types (resource_type_id, namespace_id,"
                + " properties_target, prefix, created_at, updated_at) VALUES"
                + " (1, 1, NULL, 'hw_', '2024-04-01 00:00:00', NULL), (2, 1, 'image', NULL, '2024-04-01 00:00:00',"
                + " NULL)");
    }

    @Test
    void importsImagesThatGlance4jThenServesWithTheSameFieldsBytesAndSharing() throws Exception {
        Path data = work.resolve("data");
        Run first = importGlance("--data-dir", data.toString());
        assertThat(first.status()).as(first.output()).isZero();
        assertThat(first.output())
                .contains("schema revision wallaby_contract01")
                .contains("images: 2 copied, 0 unchanged, 0 differ (kept), 0 replaced, 2 deleted in Glance (skipped),"
                        + " 0 failed")
                .contains("properties: 2 copied; tags: 2 copied; members: 2 copied, 0 unchanged, 0 differ (kept),"
                        + " 0 replaced; locations: 2 copied")
                .contains("tasks: 2 copied, 0 unchanged, 0 differ (kept), 0 replaced, 1 skipped, 0 failed")
                .contains("task " + TASK_RUNNING + ": it was still processing in Glance")
                .contains("metadef namespaces: 2 copied, 0 unchanged")
                .contains("metadef objects: 1 copied")
                .contains("metadef properties: 2 copied")
                .contains("metadef tags: 1 copied")
                .contains("metadef resource types: 2 copied")
                .contains("metadef resource type associations: 2 copied")
                .as("no progress bar without a terminal")
                .doesNotContain("\r")
                .doesNotContain("[#")
                .containsPattern("\nimport-glance: 2 images and \\d+ other records read in \\d+\\.\\d s\n$")
                .contains("image " + SHARED + ": credentials removed from the s3 location s3://s3.example.org/glance/")
                .contains("image " + SHARED + ": no configured store serves the location")
                .doesNotContain("TOPSECRETKEY");
        assertThat(Files.readString(data.resolve("glance.sqlite"), StandardCharsets.ISO_8859_1))
                .doesNotContain("TOPSECRETKEY")
                .doesNotContain("AKIAKEY");

        try (GlanceApplication server = GlanceApplication.start(List.of(
                "--bind",
                "127.0.0.1",
                "--port",
                "0",
                "--data-dir",
                data.toString(),
                "--auth",
                "trusted-headers",
                "--config",
                config.toString()))) {
            URI base = server.baseUri();
            JsonNode shown = json(get(base, "/v2/images/" + ACTIVE, "p-someone"), 200);
            assertThat(shown.get("name").asText()).isEqualTo("cirros");
            assertThat(shown.get("status").asText()).isEqualTo("active");
            assertThat(shown.get("visibility").asText()).isEqualTo("public");
            assertThat(shown.get("protected").asBoolean()).isTrue();
            assertThat(shown.get("os_hidden").asBoolean()).isFalse();
            assertThat(shown.get("owner").asText()).isEqualTo("p-owner");
            assertThat(shown.get("size").asLong()).isEqualTo(DATA.length);
            assertThat(shown.get("virtual_size").asLong()).isEqualTo(4096);
            assertThat(shown.get("checksum").asText()).isEqualTo(hex("MD5", DATA));
            assertThat(shown.get("os_hash_algo").asText()).isEqualTo("sha512");
            assertThat(shown.get("os_hash_value").asText()).isEqualTo(hex("SHA-512", DATA));
            assertThat(shown.get("disk_format").asText()).isEqualTo("qcow2");
            assertThat(shown.get("container_format").asText()).isEqualTo("bare");
            assertThat(shown.get("min_disk").asInt()).isEqualTo(1);
            assertThat(shown.get("min_ram").asInt()).isEqualTo(64);
            assertThat(shown.get("created_at").asText()).isEqualTo("2024-01-02T03:04:05Z");
            assertThat(shown.get("updated_at").asText()).isEqualTo("2024-01-03T04:05:06Z");
            assertThat(shown.get("architecture").asText()).isEqualTo("x86_64");
            assertThat(shown.get("hw_disk_bus").asText()).isEqualTo("virtio");
            assertThat(shown.has("removed_once")).as("a soft-deleted property").isFalse();
            List<String> tags = new ArrayList<>();
            shown.get("tags").forEach(t -> tags.add(t.asText()));
            assertThat(tags).containsExactlyInAnyOrder("first", "second");

            HttpResponse<byte[]> file = HTTP.send(
                    request(base, "/v2/images/" + ACTIVE + "/file", "p-someone"),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.body()).isEqualTo(DATA);

            JsonNode shared = json(get(base, "/v2/images/" + SHARED, "p-friend"), 200);
            assertThat(shared.get("visibility").asText()).isEqualTo("shared");
            assertThat(shared.get("os_hidden").asBoolean()).isTrue();
            assertThat(shared.get("size").isNull()).isTrue();
            assertThat(shared.get("updated_at").asText())
                    .as("Glance's null updated_at")
                    .isEqualTo("2024-02-01T00:00:00Z");
            assertThat(get(base, "/v2/images/" + SHARED, "p-stranger").statusCode())
                    .isEqualTo(404);
            assertThat(get(base, "/v2/images/" + SHARED, "p-former").statusCode())
                    .isEqualTo(404);
            JsonNode members = json(get(base, "/v2/images/" + SHARED + "/members", "p-owner"), 200);
            List<String> statuses = new ArrayList<>();
            members.get("members")
                    .forEach(m -> statuses.add(
                            m.get("member_id").asText() + "=" + m.get("status").asText()));
            assertThat(statuses).containsExactlyInAnyOrder("p-friend=accepted", "p-asked=pending");
            JsonNode listed = json(get(base, "/v2/images", "p-friend"), 200);
            List<String> ids = new ArrayList<>();
            listed.get("images").forEach(i -> ids.add(i.get("id").asText()));
            assertThat(ids).as("the shared image is os_hidden").contains(ACTIVE).doesNotContain(SHARED, DELETED);
            JsonNode hidden = json(get(base, "/v2/images?os_hidden=true", "p-friend"), 200);
            assertThat(hidden.get("images").findValuesAsText("id")).containsExactly(SHARED);
            assertThat(get(base, "/v2/images/" + DELETED, "p-owner").statusCode())
                    .isEqualTo(404);

            JsonNode task = json(get(base, "/v2/tasks/" + TASK_DONE, "p-owner", "admin,member,reader"), 200);
            assertThat(task.get("type").asText()).isEqualTo("import");
            assertThat(task.get("status").asText()).isEqualTo("success");
            assertThat(task.get("owner").asText()).isEqualTo("p-owner");
            assertThat(task.get("input").get("image_properties").get("min_ram").asInt())
                    .isEqualTo(64);
            assertThat(task.get("result").get("image_id").asText()).isEqualTo(ACTIVE);
            assertThat(task.get("created_at").asText()).isEqualTo("2024-03-01T10:00:00Z");
            assertThat(task.get("updated_at").asText()).isEqualTo("2024-03-01T10:05:00Z");
            assertThat(task.get("expires_at").asText()).isEqualTo("2099-01-01T00:00:00Z");
            assertThat(get(base, "/v2/tasks/" + TASK_GONE, "p-owner", "admin,member,reader")
                            .statusCode())
                    .as("deleted in Glance, skipped")
                    .isEqualTo(404);

            JsonNode namespace =
                    json(get(base, "/v2/metadefs/namespaces/" + NAMESPACE, "p-owner", "admin,member,reader"), 200);
            assertThat(namespace.get("display_name").asText()).isEqualTo("Example");
            assertThat(namespace.get("visibility").asText()).isEqualTo("public");
            assertThat(namespace.get("protected").asBoolean()).isTrue();
            assertThat(namespace.get("owner").asText()).isEqualTo("admin");
            assertThat(namespace.get("created_at").asText()).isEqualTo("2024-04-01T00:00:00Z");
            // Glance keeps an object's required names joined with commas
            assertThat(JSON.convertValue(namespace.get("objects").get(0).get("required"), List.class))
                    .containsExactly("cores", "sockets");
            assertThat(namespace
                            .get("objects")
                            .get(0)
                            .get("properties")
                            .get("cores")
                            .get("minimum")
                            .asInt())
                    .isEqualTo(1);
            assertThat(namespace.get("properties").get("hw_size").get("maximum").asInt())
                    .isEqualTo(8);
            assertThat(namespace.get("properties").get("hw_rng").get("title").asText())
                    .isEqualTo("RNG");
            assertThat(namespace.get("tags").findValuesAsText("name")).containsExactly("fast");
            List<String> associations = new ArrayList<>();
            namespace
                    .get("resource_type_associations")
                    .forEach(a -> associations.add(
                            a.get("name").asText() + " " + a.path("prefix").asText("-") + " "
                                    + a.path("properties_target").asText("-")));
            assertThat(associations).containsExactlyInAnyOrder("OS::Glance::Image hw_ -", "OS::Cinder::Volume - image");
            assertThat(get(base, "/v2/metadefs/namespaces/Private::Mine", "p-owner", "member,reader")
                            .statusCode())
                    .as("a private namespace of its owner")
                    .isEqualTo(200);
            assertThat(get(base, "/v2/metadefs/namespaces/Private::Mine", "p-stranger", "member,reader")
                            .statusCode())
                    .isEqualTo(404);
            JsonNode types = json(get(base, "/v2/metadefs/resource_types", "p-owner", "member,reader"), 200);
            assertThat(types.get("resource_types").findValuesAsText("name"))
                    .contains("OS::Glance::Image", "OS::Cinder::Volume");
        }

        Run again = importGlance("--data-dir", data.toString());
        assertThat(again.status()).as(again.output()).isZero();
        assertThat(again.output())
                .contains("images: 0 copied, 2 unchanged, 0 differ (kept), 0 replaced")
                .contains("members: 0 copied, 2 unchanged")
                .contains("tasks: 0 copied, 2 unchanged, 0 differ (kept), 0 replaced, 1 skipped, 0 failed")
                .contains("metadef namespaces: 0 copied, 2 unchanged, 0 differ")
                .contains("metadef objects: 0 copied, 1 unchanged, 0 differ")
                .contains("metadef properties: 0 copied, 2 unchanged, 0 differ")
                .contains("metadef tags: 0 copied, 1 unchanged, 0 differ")
                .contains("metadef resource types: 0 copied, 2 unchanged, 0 differ")
                .contains("metadef resource type associations: 0 copied, 2 unchanged, 0 differ")
                .contains("nothing to do: everything was already there");
    }

    @Test
    void aRerunAddsWhatIsMissingReportsWhatDiffersAndReplacesItOnlyWhenAsked() throws Exception {
        Path data = work.resolve("data");
        assertThat(importGlance("--data-dir", data.toString()).status()).isZero();
        try (JdbcRepositories db = JdbcRepositories.open(JdbcSettings.sqlite(data.resolve("glance.sqlite"), 2))) {
            Image image = db.images().find(ACTIVE).orElseThrow();
            db.images().update(image.toBuilder().name("renamed in glance4j").build());
            db.members().remove(SHARED, "p-friend");
            Task task = db.tasks().find(TASK_DONE).orElseThrow();
            db.tasks().update(task.withStatus(task.status(), "changed here", task.updatedAt()));
            db.metadefs().removeTag(NAMESPACE, "fast");
            db.metadefs()
                    .updateProperty("hw_size", new MetadefProperty(NAMESPACE, "hw_size", Map.of("type", "string")));
        }

        Run dry = importGlance("--data-dir", data.toString(), "--dry-run", "--replace-changed");
        assertThat(dry.status()).as(dry.output()).isZero();
        assertThat(dry.output())
                .contains("compared with glance4j's database, which is left unchanged")
                .contains("images: 0 would be copied, 1 unchanged, 0 differ (kept), 1 would be replaced")
                .contains("members: 1 would be copied, 1 unchanged")
                .contains("metadef tags: 1 would be copied, 0 unchanged");
        try (JdbcRepositories db = JdbcRepositories.open(JdbcSettings.sqlite(data.resolve("glance.sqlite"), 2))) {
            assertThat(db.images().find(ACTIVE).orElseThrow().name())
                    .as("a dry run")
                    .isEqualTo("renamed in glance4j");
            assertThat(db.members().find(SHARED, "p-friend")).as("a dry run").isEmpty();
            assertThat(db.metadefs().findTag(NAMESPACE, "fast")).as("a dry run").isEmpty();
        }

        Run kept = importGlance("--data-dir", data.toString());
        assertThat(kept.status()).as(kept.output()).isZero();
        assertThat(kept.output())
                .contains("images: 0 copied, 1 unchanged, 1 differ (kept), 0 replaced")
                .contains("image " + ACTIVE + ": glance4j's copy differs in name; kept (--replace-changed takes")
                .contains("members: 1 copied, 1 unchanged")
                .contains("tasks: 0 copied, 1 unchanged, 1 differ (kept), 0 replaced")
                .contains("task " + TASK_DONE + ": glance4j's copy differs in message")
                .contains("metadef tags: 1 copied, 0 unchanged")
                .contains("metadef properties: 0 copied, 1 unchanged, 1 differ (kept)")
                .contains("metadef namespace " + NAMESPACE + ": property hw_size: glance4j's copy differs in schema")
                .doesNotContain("nothing to do");
        try (JdbcRepositories db = JdbcRepositories.open(JdbcSettings.sqlite(data.resolve("glance.sqlite"), 2))) {
            assertThat(db.images().find(ACTIVE).orElseThrow().name()).isEqualTo("renamed in glance4j");
            assertThat(db.members().find(SHARED, "p-friend")).isPresent();
            assertThat(db.tasks().find(TASK_DONE).orElseThrow().message()).isEqualTo("changed here");
            assertThat(db.metadefs().findTag(NAMESPACE, "fast")).isPresent();
        }

        Run replaced = importGlance("--data-dir", data.toString(), "--replace-changed");
        assertThat(replaced.status()).as(replaced.output()).isZero();
        assertThat(replaced.output())
                .contains("images: 0 copied, 1 unchanged, 0 differ (kept), 1 replaced")
                .contains("tasks: 0 copied, 1 unchanged, 0 differ (kept), 1 replaced")
                .contains("metadef properties: 0 copied, 1 unchanged, 0 differ (kept), 1 replaced");
        try (JdbcRepositories db = JdbcRepositories.open(JdbcSettings.sqlite(data.resolve("glance.sqlite"), 2))) {
            assertThat(db.images().find(ACTIVE).orElseThrow().name()).isEqualTo("cirros");
            assertThat(db.tasks().find(TASK_DONE).orElseThrow().message()).isEmpty();
            assertThat(db.metadefs()
                            .findProperty(NAMESPACE, "hw_size")
                            .orElseThrow()
                            .schema())
                    .containsEntry("maximum", 8);
        }
        assertThat(importGlance("--data-dir", data.toString()).output())
                .contains("nothing to do: everything was already there");
    }

    @Test
    void deletedRowsAreCarriedAsDeletedWhenAskedSoTheirIdsStayTaken() throws Exception {
        try (Connection c = DriverManager.getConnection(glanceDb.jdbcUrl(), glanceDb.user(), glanceDb.password());
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE alembic_version SET version_num = '2024_1_contract01'");
        }
        Path data = work.resolve("data");
        Run carried = importGlance("--data-dir", data.toString(), "--deleted", "carry");
        assertThat(carried.status()).as(carried.output()).isZero();
        assertThat(carried.output())
                .as("Glance master's newest revision is accepted")
                .contains("schema revision 2024_1_contract01")
                .contains("images: 2 copied, 0 unchanged, 0 differ (kept), 0 replaced, 0 deleted in Glance (skipped)")
                .contains("deleted images: 2 copied, 0 unchanged")
                .contains("image " + SCRUBBING + ": deleted in Glance but its data awaits Glance's scrubber")
                .contains("tasks: 3 copied, 0 unchanged, 0 differ (kept), 0 replaced, 0 skipped, 0 failed");
        try (JdbcRepositories db = JdbcRepositories.open(JdbcSettings.sqlite(data.resolve("glance.sqlite"), 2))) {
            Image deleted = db.images().find(DELETED).orElseThrow();
            assertThat(deleted.status()).isEqualTo(ImageStatus.DELETED);
            assertThat(deleted.deletedAt()).isEqualTo(Instant.parse("2024-02-02T00:00:00Z"));
            assertThat(deleted.locations()).isEmpty();
            Image scrubbing = db.images().find(SCRUBBING).orElseThrow();
            assertThat(scrubbing.status()).isEqualTo(ImageStatus.DELETED);
            assertThat(scrubbing.size()).isEqualTo(12);
            Task gone = db.tasks().find(TASK_GONE).orElseThrow();
            assertThat(gone.message()).isEqualTo("it broke");
            assertThat(gone.expiresAt()).isEqualTo(Instant.parse("2024-03-04T00:00:00Z"));
        }
        try (GlanceApplication server = GlanceApplication.start(List.of(
                "--bind",
                "127.0.0.1",
                "--port",
                "0",
                "--data-dir",
                data.toString(),
                "--auth",
                "trusted-headers",
                "--config",
                config.toString()))) {
            URI base = server.baseUri();
            assertThat(get(base, "/v2/images/" + DELETED, "p-owner").statusCode())
                    .isEqualTo(404);
            HttpResponse<String> reuse = HTTP.send(
                    HttpRequest.newBuilder(base.resolve("/v2/images"))
                            .timeout(Duration.ofSeconds(60))
                            .header("X-Identity-Status", "Confirmed")
                            .header("X-User-Id", "u-p-owner")
                            .header("X-Project-Id", "p-owner")
                            .header("X-Roles", "member,reader")
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"id\": \"" + DELETED + "\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(reuse.statusCode())
                    .as("the id of an image Glance deleted stays taken")
                    .isEqualTo(409);
            assertThat(get(base, "/v2/tasks/" + TASK_GONE, "p-owner", "admin,member,reader")
                            .statusCode())
                    .as("an expired task is not shown")
                    .isEqualTo(404);
        }
        Run again = importGlance("--data-dir", data.toString(), "--deleted", "carry");
        assertThat(again.output())
                .contains("deleted images: 0 copied, 2 unchanged")
                .contains("tasks: 0 copied, 3 unchanged")
                .contains("nothing to do");
    }

    @Test
    void theCatalogThatGlanceManageLoadsIsImportedWholeAndARerunFindsItUnchanged() throws Exception {
        Path catalog = Path.of("/etc/glance/metadefs");
        RequiredTool.require("Glance's metadefs catalog", "glance-common", catalog.toString());
        try (Connection c = DriverManager.getConnection(glanceDb.jdbcUrl(), glanceDb.user(), glanceDb.password());
                Statement s = c.createStatement()) {
            for (String table : List.of(
                    "metadef_namespace_resource_types",
                    "metadef_tags",
                    "metadef_properties",
                    "metadef_objects",
                    "metadef_namespaces",
                    "metadef_resource_types")) {
                s.executeUpdate("DELETE FROM " + table);
            }
        }
        Path log = work.resolve("db_load_metadefs.log");
        Process load = new ProcessBuilder(
                        glanceManage(),
                        "--config-file",
                        work.resolve("glance-api.conf").toString(),
                        "db_load_metadefs",
                        catalog.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(load.waitFor(300, TimeUnit.SECONDS))
                .as("glance-manage db_load_metadefs ended")
                .isTrue();
        assertThat(load.exitValue()).as(Files.readString(log)).isZero();
        long namespaces;
        try (Stream<Path> files = Files.list(catalog)) {
            namespaces = files.filter(f -> f.toString().endsWith(".json")).count();
        }

        Path data = work.resolve("data");
        Run first = importGlance("--data-dir", data.toString());
        assertThat(first.status()).as(first.output()).isZero();
        assertThat(first.output())
                .contains("metadef namespaces: " + namespaces + " copied, 0 unchanged")
                .doesNotContain("metadef namespace ");
        assertThat(first.output().lines().filter(l -> l.startsWith("metadef ")))
                .hasSize(6)
                .allMatch(l -> l.endsWith(" 0 unchanged, 0 differ (kept), 0 replaced, 0 skipped, 0 failed"));
        Run again = importGlance("--data-dir", data.toString());
        assertThat(again.output().lines().filter(l -> l.startsWith("metadef ")))
                .hasSize(6)
                .allMatch(l -> l.contains(": 0 copied, ") && l.contains(" 0 differ (kept), "));
        assertThat(again.output())
                .contains("metadef namespaces: 0 copied, " + namespaces + " unchanged")
                .contains("nothing to do: everything was already there");
    }

    @Test
    void aDryRunReportsAndWritesNothing() throws Exception {
        Path data = work.resolve("untouched");
        Run dry = importGlance("--data-dir", data.toString(), "--dry-run");
        assertThat(dry.status()).as(dry.output()).isZero();
        assertThat(dry.output())
                .contains("dry run: nothing is written")
                .contains("glance4j's database is missing or not yet migrated: compared with nothing")
                .contains("images: 2 would be copied, 0 unchanged, 0 differ (kept), 0 would be replaced,"
                        + " 2 deleted in Glance (skipped), 0 failed")
                .contains("members: 2 would be copied")
                .contains("tasks: 2 would be copied, 0 unchanged, 0 differ (kept), 0 would be replaced, 1 skipped")
                .contains("task " + TASK_RUNNING + ": it was still processing in Glance")
                .contains("metadef namespaces: 2 would be copied")
                .contains("metadef resource type associations: 2 would be copied")
                .contains("image " + SHARED + ": no configured store serves the location");
        assertThat(data).doesNotExist();
    }

    @Test
    void anUnknownSchemaRevisionIsRefusedByName() throws Exception {
        try (Connection c = DriverManager.getConnection(glanceDb.jdbcUrl(), glanceDb.user(), glanceDb.password());
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE alembic_version SET version_num = 'mitaka02'");
        }
        Path data = work.resolve("data");
        Run refused = importGlance("--data-dir", data.toString());
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.output()).contains("schema revision 'mitaka02'");
        assertThat(data.resolve("glance.sqlite")).doesNotExist();
        try (Connection c = DriverManager.getConnection(glanceDb.jdbcUrl(), glanceDb.user(), glanceDb.password());
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE alembic_version SET version_num = 'ussuri_contract01'");
        }
        Run older = importGlance("--data-dir", data.toString(), "--dry-run");
        assertThat(older.status()).isEqualTo(1);
        assertThat(older.output()).contains("schema revision 'ussuri_contract01'");
    }

    private record Run(int status, String output) {}

    private Run importGlance(String... more) {
        List<String> args = new ArrayList<>(
                List.of("import-glance", "--from", glanceDb.sqlAlchemyUrl(), "--config", config.toString()));
        args.addAll(List.of(more));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        int status = Main.db(args, both, both);
        return new Run(status, buffer.toString(StandardCharsets.UTF_8));
    }

    private static HttpRequest request(URI base, String path, String project) {
        return request(base, path, project, "member,reader");
    }

    private static HttpRequest request(URI base, String path, String project, String roles) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("X-Identity-Status", "Confirmed")
                .header("X-User-Id", "u-" + project)
                .header("X-Project-Id", project)
                .header("X-Roles", roles)
                .GET()
                .build();
    }

    private static HttpResponse<String> get(URI base, String path, String project) throws Exception {
        return HTTP.send(request(base, path, project), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI base, String path, String project, String roles) throws Exception {
        return HTTP.send(request(base, path, project, roles), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }
}
