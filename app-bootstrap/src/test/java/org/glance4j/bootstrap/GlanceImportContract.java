package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
    record GlanceDb(String sqlAlchemyUrl, String jdbcUrl, String user, String password) {
    }

    /** A new, empty database for one test. */
    abstract GlanceDb newGlanceDatabase(Path work) throws Exception;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ACTIVE = "0a000000-0000-4000-8000-000000000001";
    private static final String SHARED = "0b000000-0000-4000-8000-000000000002";
    private static final String DELETED = "0c000000-0000-4000-8000-000000000003";
    private static final byte[] DATA = "the bytes Glance's file store wrote\n".repeat(100)
            .getBytes(StandardCharsets.UTF_8);

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
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(sync.waitFor(300, TimeUnit.SECONDS)).as("glance-manage db_sync ended").isTrue();
        assertThat(sync.exitValue()).as(Files.readString(log)).isZero();
        fill();
        config = work.resolve("glance4j.conf");
        Files.writeString(config, "[glance_store]\nfilesystem_store_datadir = " + glanceImages + "\n");
    }

    /** glance-manage, or the test is skipped (locally) or fails (under CI=true, where .ci/run installs it). */
    private static String glanceManage() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "glance-manage");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("glance-manage is missing; .ci/run installs glance-common");
        }
        assumeTrue(false, "glance-manage is not installed (apt-get install glance-common): skipping the import of"
                + " a real Glance database");
        return null;
    }

    /** Rows as Glance writes them; booleans as '0'/'1', which SQLite, PostgreSQL and MariaDB all take. */
    private void fill() throws Exception {
        Files.write(glanceImages.resolve(ACTIVE), DATA);
        String md5 = hex("MD5", DATA);
        String sha512 = hex("SHA-512", DATA);
        String columns = "INSERT INTO images (id, name, size, status, created_at, updated_at, deleted_at, deleted,"
                + " disk_format, container_format, checksum, owner, min_disk, min_ram, protected, virtual_size,"
                + " visibility, os_hidden, os_hash_algo, os_hash_value) VALUES ";
        try (Connection c = DriverManager.getConnection(glanceDb.jdbcUrl(), glanceDb.user(),
                glanceDb.password());
             Statement s = c.createStatement()) {
            s.executeUpdate(columns + "('" + ACTIVE + "', 'cirros', " + DATA.length + ", 'active',"
                    + " '2024-01-02 03:04:05.000000', '2024-01-03 04:05:06.123456', NULL, '0', 'qcow2', 'bare', '"
                    + md5 + "', 'p-owner', 1, 64, '1', 4096, 'public', '0', 'sha512', '" + sha512 + "')");
            s.executeUpdate(columns + "('" + SHARED + "', 'shared one', NULL, 'active', '2024-02-01 00:00:00.000000',"
                    + " NULL, NULL, '0', 'raw', 'bare', NULL, 'p-owner', 0, 0, '0', NULL, 'shared', '1', NULL, NULL)");
            s.executeUpdate(columns + "('" + DELETED + "', 'gone', NULL, 'deleted', '2024-02-01 00:00:00',"
                    + " '2024-02-02 00:00:00', '2024-02-02 00:00:00', '1', NULL, NULL, NULL, 'p-owner', 0, 0, '0',"
                    + " NULL, 'private', '0', NULL, NULL)");
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
        }
    }

    @Test
    void importsImagesThatGlance4jThenServesWithTheSameFieldsBytesAndSharing() throws Exception {
        Path data = work.resolve("data");
        Run first = importGlance("--data-dir", data.toString());
        assertThat(first.status()).as(first.output()).isZero();
        assertThat(first.output())
                .contains("schema revision wallaby_contract01")
                .contains("images: 2 copied, 0 already there, 1 deleted in Glance (skipped), 0 failed")
                .contains("properties: 2 copied; tags: 2 copied; members: 2 copied; locations: 2 copied")
                .contains("image " + SHARED + ": credentials removed from the s3 location s3://s3.example.org/glance/")
                .contains("image " + SHARED + ": no configured store serves the location")
                .doesNotContain("TOPSECRETKEY");
        assertThat(Files.readString(data.resolve("glance.sqlite"), StandardCharsets.ISO_8859_1))
                .doesNotContain("TOPSECRETKEY").doesNotContain("AKIAKEY");

        try (GlanceApplication server = GlanceApplication.start(List.of("--bind", "127.0.0.1", "--port", "0",
                "--data-dir", data.toString(), "--auth", "trusted-headers", "--config", config.toString()))) {
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

            HttpResponse<byte[]> file = HTTP.send(request(base, "/v2/images/" + ACTIVE + "/file", "p-someone"),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.body()).isEqualTo(DATA);

            JsonNode shared = json(get(base, "/v2/images/" + SHARED, "p-friend"), 200);
            assertThat(shared.get("visibility").asText()).isEqualTo("shared");
            assertThat(shared.get("os_hidden").asBoolean()).isTrue();
            assertThat(shared.get("size").isNull()).isTrue();
            assertThat(shared.get("updated_at").asText()).as("Glance's null updated_at").isEqualTo(
                    "2024-02-01T00:00:00Z");
            assertThat(get(base, "/v2/images/" + SHARED, "p-stranger").statusCode()).isEqualTo(404);
            assertThat(get(base, "/v2/images/" + SHARED, "p-former").statusCode()).isEqualTo(404);
            JsonNode members = json(get(base, "/v2/images/" + SHARED + "/members", "p-owner"), 200);
            List<String> statuses = new ArrayList<>();
            members.get("members").forEach(m -> statuses.add(m.get("member_id").asText() + "="
                    + m.get("status").asText()));
            assertThat(statuses).containsExactlyInAnyOrder("p-friend=accepted", "p-asked=pending");
            JsonNode listed = json(get(base, "/v2/images", "p-friend"), 200);
            List<String> ids = new ArrayList<>();
            listed.get("images").forEach(i -> ids.add(i.get("id").asText()));
            assertThat(ids).as("the shared image is os_hidden").contains(ACTIVE).doesNotContain(SHARED, DELETED);
            JsonNode hidden = json(get(base, "/v2/images?os_hidden=true", "p-friend"), 200);
            assertThat(hidden.get("images").findValuesAsText("id")).containsExactly(SHARED);
            assertThat(get(base, "/v2/images/" + DELETED, "p-owner").statusCode()).isEqualTo(404);
        }

        Run again = importGlance("--data-dir", data.toString());
        assertThat(again.status()).as(again.output()).isZero();
        assertThat(again.output()).contains("images: 0 copied, 2 already there")
                .contains("members: 0 copied").contains("nothing to do: everything was already there");
    }

    @Test
    void aDryRunReportsAndWritesNothing() throws Exception {
        Path data = work.resolve("untouched");
        Run dry = importGlance("--data-dir", data.toString(), "--dry-run");
        assertThat(dry.status()).as(dry.output()).isZero();
        assertThat(dry.output()).contains("dry run: nothing is written")
                .contains("images: 2 would be copied, 0 already there, 1 deleted in Glance (skipped), 0 failed")
                .contains("members: 2 would be copied");
        assertThat(data).doesNotExist();
    }

    @Test
    void anUnknownSchemaRevisionIsRefusedByName() throws Exception {
        try (Connection c = DriverManager.getConnection(glanceDb.jdbcUrl(), glanceDb.user(),
                glanceDb.password());
             Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE alembic_version SET version_num = 'mitaka02'");
        }
        Path data = work.resolve("data");
        Run refused = importGlance("--data-dir", data.toString());
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.output()).contains("schema revision 'mitaka02'");
        assertThat(data.resolve("glance.sqlite")).doesNotExist();
    }

    private record Run(int status, String output) {
    }

    private Run importGlance(String... more) {
        List<String> args = new ArrayList<>(List.of("import-glance", "--from", glanceDb.sqlAlchemyUrl(),
                "--config", config.toString()));
        args.addAll(List.of(more));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        int status = Main.db(args, both, both);
        return new Run(status, buffer.toString(StandardCharsets.UTF_8));
    }

    private static HttpRequest request(URI base, String path, String project) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("X-Identity-Status", "Confirmed").header("X-User-Id", "u-" + project)
                .header("X-Project-Id", project).header("X-Roles", "member,reader").GET().build();
    }

    private static HttpResponse<String> get(URI base, String path, String project) throws Exception {
        return HTTP.send(request(base, path, project), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }
}
