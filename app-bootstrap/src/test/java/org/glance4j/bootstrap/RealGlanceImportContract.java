package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import org.glance4j.bootstrap.glance.RealGlanceServer;
import org.junit.jupiter.api.Test;

/**
 * The whole move from a real Glance: Debian's {@code glance-api} 25.1.0 ({@link RealGlanceServer}) is driven over
 * HTTP as several projects (admin, member and reader roles): it creates public, private, shared and community
 * images, writes their data into its file store, tags them, sets custom properties, shares one (a member accepts, one
 * rejects, one is left pending), deactivates one, imports one with {@code glance-direct}, deletes one. Then every
 * caller's view is recorded (each image shown, listed with filters, its members, its download), Glance is stopped,
 * {@code db import-glance} copies its database, and glance4j, serving Glance's image directory as its file store
 * {@code fast} with trusted identity headers, must give every caller the same view: the same status codes, the
 * same image fields (except {@link #MAY_DIFFER}, see docs/migrating-from-glance.md), the same lists in the same
 * order, the same members, the same bytes and checksums.
 *
 * <p>One subclass per database Glance keeps its records in; the database is made by Glance's own
 * {@code glance-manage db_sync}. The metadefs catalog Glance loaded ({@code db_load_metadefs}) is in that database
 * too; comparing it once {@code db import-glance} copies it is one more method adding {@link Kind#DOCUMENT} probes
 * ({@code /v2/metadefs/...} as each caller) to {@link #probes}.
 */
abstract class RealGlanceImportContract {

    /** A new, empty database for Glance, as the SQLAlchemy URL of its {@code [database] connection}. */
    abstract String newGlanceDatabase(Path work) throws Exception;

    /**
     * Image fields glance4j may show differently from Glance after the import, each with why. Everything else in
     * an image's JSON must be equal.
     */
    static final Map<String, String> MAY_DIFFER = Map.of();

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The SHA-256 of the data uploaded, by image label (those the admin's download is checked against). */
    private final Map<String, String> uploaded = new LinkedHashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A caller: the identity headers keystonemiddleware would have set for a token of this user. */
    record Caller(String user, String project, String roles) {
    }

    static final Caller ALPHA_ADMIN = new Caller("u-alpha-admin", "p-alpha", "admin,member,reader");
    static final Caller ALPHA_MEMBER = new Caller("u-alpha-member", "p-alpha", "member,reader");
    static final Caller ALPHA_READER = new Caller("u-alpha-reader", "p-alpha", "reader");
    static final Caller BETA = new Caller("u-beta", "p-beta", "member,reader");
    static final Caller GAMMA = new Caller("u-gamma", "p-gamma", "member,reader");
    static final Caller DELTA = new Caller("u-delta", "p-delta", "member,reader");
    static final List<Caller> CALLERS = List.of(ALPHA_ADMIN, ALPHA_MEMBER, ALPHA_READER, BETA, GAMMA, DELTA);

    /** One request made as one caller against both servers. */
    record Probe(String label, Caller caller, String path, Kind kind) {
    }

    enum Kind {
        /** a JSON image: status and every field */
        IMAGE,
        /** a JSON image list: status and the ids in order */
        LIST,
        /** a JSON member list: status and every member's fields */
        MEMBERS,
        /** image data: status, Content-MD5, Content-Length and the SHA-256 of the body */
        DATA,
        /** any other JSON answer: status and the whole body */
        DOCUMENT
    }

    @Test
    void glance4jServesWhatRealGlanceServedAfterImportingItsDatabase() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "real-glance")).toAbsolutePath();
        work = Files.createTempDirectory(work, getClass().getSimpleName() + "-");
        long started = System.nanoTime();
        String databaseUrl = newGlanceDatabase(work);
        Map<String, String> ids;
        Map<String, Object> before;
        try (RealGlanceServer glance = RealGlanceServer.create(work.resolve("glance"), databaseUrl)) {
            glance.start();
            ids = populate(glance.url(), work);
            before = observe(glance.url(), probes(ids));
        }
        long glanceDone = System.nanoTime();
        Files.writeString(work.resolve("glance-view.json"), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(before));
        theScenarioDidWhatItMeant(before);

        Path glance4jConf = work.resolve("glance4j.conf");
        Files.writeString(glance4jConf, String.join("\n",
                "[DEFAULT]",
                "enabled_backends = " + RealGlanceServer.STORE + ":file",
                "[glance_store]",
                "default_backend = " + RealGlanceServer.STORE,
                "[" + RealGlanceServer.STORE + "]",
                "filesystem_store_datadir = " + work.resolve("glance").resolve("images"),
                "store_description = local file store", ""));
        Path data = work.resolve("glance4j-data");
        String output = importGlance(databaseUrl, glance4jConf, data);
        assertThat(output).contains("images: " + (ids.size() - 1) + " copied, 0 already there, 1 deleted in Glance")
                .contains("images with problems: 0");

        Map<String, Object> after;
        try (GlanceApplication server = GlanceApplication.start(List.of("--bind", "127.0.0.1", "--port", "0",
                "--data-dir", data.toString(), "--auth", "trusted-headers", "--config", glance4jConf.toString()))) {
            after = observe(server.baseUri(), probes(ids));
        }
        Files.writeString(work.resolve("glance4j-view.json"), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(after));
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, Object> seen : before.entrySet()) {
            compare(seen.getKey(), seen.getValue(), after.get(seen.getKey()), differences);
        }
        assertThat(differences).as("what glance4j answers differently from Glance (Glance's files: %s)", work)
                .isEmpty();
        System.out.printf("%s: Glance (db_sync, start, populate, observe) %.1f s, import and glance4j %.1f s%n",
                getClass().getSimpleName(), (glanceDone - started) / 1e9, (System.nanoTime() - glanceDone) / 1e9);
        deleteTree(work);
    }

    /**
     * Makes the images on Glance and returns their ids by label; the label {@code deleted} names the image that
     * was deleted again.
     */
    private Map<String, String> populate(URI glance, Path work) throws Exception {
        Random random = new Random(14);
        Map<String, String> ids = new LinkedHashMap<>();

        String pub = create(glance, ALPHA_ADMIN, Map.of("name", "ubuntu-24.04", "disk_format", "qcow2",
                "container_format", "bare", "visibility", "public", "os_distro", "ubuntu",
                "hw_disk_bus", "virtio", "tags", List.of("lts", "ubuntu")));
        upload(glance, ALPHA_ADMIN, pub, randomFile(work, "public.bin", 1_500_000, random));
        ids.put("public", pub);
        uploaded.put("public", sha256(work.resolve("public.bin")));

        String priv = create(glance, ALPHA_MEMBER, Map.of("name", "private image", "disk_format", "raw",
                "container_format", "bare", "min_disk", 1, "min_ram", 128,
                "custom_note", "déjà vu ✓ with spaces"));
        upload(glance, ALPHA_MEMBER, priv, randomFile(work, "private.bin", 65_536, random));
        call(glance, ALPHA_MEMBER, "PUT", "/v2/images/" + priv + "/tags/added-later", null, 204);
        patch(glance, ALPHA_MEMBER, priv, "[{\"op\": \"add\", \"path\": \"/build\", \"value\": \"42\"}]");
        ids.put("private", priv);
        uploaded.put("private", sha256(work.resolve("private.bin")));

        String shared = create(glance, ALPHA_MEMBER, Map.of("name", "shared image", "disk_format", "raw",
                "container_format", "bare", "visibility", "shared", "tags", List.of("shared")));
        upload(glance, ALPHA_MEMBER, shared, randomFile(work, "shared.bin", 10_000, random));
        for (Caller member : List.of(BETA, GAMMA, DELTA)) {
            call(glance, ALPHA_MEMBER, "POST", "/v2/images/" + shared + "/members",
                    "{\"member\": \"" + member.project() + "\"}", 200);
        }
        call(glance, BETA, "PUT", "/v2/images/" + shared + "/members/" + BETA.project(),
                "{\"status\": \"accepted\"}", 200);
        call(glance, GAMMA, "PUT", "/v2/images/" + shared + "/members/" + GAMMA.project(),
                "{\"status\": \"rejected\"}", 200);
        ids.put("shared", shared);

        String community = create(glance, ALPHA_MEMBER, Map.of("name", "community image", "disk_format", "raw",
                "container_format", "bare", "visibility", "community"));
        upload(glance, ALPHA_MEMBER, community, randomFile(work, "community.bin", 4_096, random));
        call(glance, ALPHA_ADMIN, "POST", "/v2/images/" + community + "/actions/deactivate", null, 204);
        ids.put("deactivated", community);

        String imported = create(glance, ALPHA_MEMBER, Map.of("name", "imported", "disk_format", "raw",
                "container_format", "bare"));
        call(glance, ALPHA_MEMBER, "PUT", "/v2/images/" + imported + "/stage",
                randomFile(work, "imported.bin", 300_000, random), 204);
        call(glance, ALPHA_MEMBER, "POST", "/v2/images/" + imported + "/import",
                "{\"method\": {\"name\": \"glance-direct\"}}", 202);
        awaitActive(glance, ALPHA_MEMBER, imported);
        ids.put("imported", imported);
        uploaded.put("imported", sha256(work.resolve("imported.bin")));

        String queued = create(glance, ALPHA_MEMBER, Map.of("name", "no data yet", "protected", true));
        ids.put("queued", queued);

        String hidden = create(glance, BETA, Map.of("name", "hidden community", "disk_format", "iso",
                "container_format", "bare", "visibility", "community", "os_hidden", true));
        upload(glance, BETA, hidden, randomFile(work, "hidden.bin", 2_048, random));
        ids.put("hidden", hidden);

        String deleted = create(glance, ALPHA_MEMBER, Map.of("name", "deleted", "disk_format", "raw",
                "container_format", "bare"));
        upload(glance, ALPHA_MEMBER, deleted, randomFile(work, "deleted.bin", 1_000, random));
        call(glance, ALPHA_MEMBER, "DELETE", "/v2/images/" + deleted, null, 204);
        ids.put("deleted", deleted);
        return ids;
    }

    /**
     * What Glance answered is what the scenario meant to make (so that equal answers from glance4j mean something):
     * sharing, visibility, the reader and deactivation rules, and the bytes uploaded coming back.
     */
    private void theScenarioDidWhatItMeant(Map<String, Object> glance) throws Exception {
        for (Caller caller : CALLERS) {
            assertThat(status(glance, caller.user() + " shows deleted")).isEqualTo(404);
            assertThat(status(glance, caller.user() + " shows public")).isEqualTo(200);
        }
        assertThat(status(glance, "u-beta shows private")).isEqualTo(404);
        for (Caller member : List.of(BETA, GAMMA, DELTA)) {
            assertThat(status(glance, member.user() + " shows shared")).isEqualTo(200);
        }
        assertThat(answer(glance, "u-beta lists /v2/images").get("ids")).asList().contains(ids(glance, "shared"));
        assertThat(answer(glance, "u-gamma lists /v2/images").get("ids")).asList()
                .doesNotContain(ids(glance, "shared"));
        assertThat(status(glance, "u-alpha-reader downloads public")).isEqualTo(403);
        assertThat(status(glance, "u-alpha-member downloads deactivated")).isEqualTo(403);
        assertThat(status(glance, "u-alpha-admin downloads deactivated")).isEqualTo(200);
        assertThat(status(glance, "u-alpha-member downloads queued")).isEqualTo(204);
        for (Map.Entry<String, String> file : uploaded.entrySet()) {
            assertThat(answer(glance, "u-alpha-admin downloads " + file.getKey()).get("sha256"))
                    .as("the bytes of %s that Glance gives back", file.getKey()).isEqualTo(file.getValue());
        }
        assertThat(((JsonNode) answer(glance, "u-alpha-member shows imported").get("image")).path("status").asText())
                .isEqualTo("active");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> answer(Map<String, Object> seen, String label) {
        Map<String, Object> answer = (Map<String, Object>) seen.get(label);
        assertThat(answer).as("an answer to '%s'", label).isNotNull();
        return answer;
    }

    private static int status(Map<String, Object> seen, String label) {
        return (Integer) answer(seen, label).get("status");
    }

    private String ids(Map<String, Object> seen, String label) {
        return ((JsonNode) answer(seen, "u-alpha-admin shows " + label).get("image")).path("id").asText();
    }

    /** Every request compared, for every caller. */
    private static List<Probe> probes(Map<String, String> ids) {
        List<Probe> probes = new ArrayList<>();
        for (Caller caller : CALLERS) {
            imageProbes(caller, ids, probes);
            listProbes(caller, ids, probes);
        }
        return probes;
    }

    private static void imageProbes(Caller caller, Map<String, String> ids, List<Probe> probes) {
        ids.forEach((label, id) -> {
            String who = caller.user() + " ";
            probes.add(new Probe(who + "shows " + label, caller, "/v2/images/" + id, Kind.IMAGE));
            probes.add(new Probe(who + "lists the members of " + label, caller, "/v2/images/" + id + "/members",
                    Kind.MEMBERS));
            probes.add(new Probe(who + "downloads " + label, caller, "/v2/images/" + id + "/file", Kind.DATA));
        });
    }

    private static void listProbes(Caller caller, Map<String, String> ids, List<Probe> probes) {
        for (String query : List.of("", "?visibility=public", "?visibility=private", "?visibility=shared",
                "?visibility=community", "?visibility=all", "?visibility=shared&member_status=all",
                "?member_status=pending", "?member_status=rejected", "?os_hidden=true", "?status=deactivated",
                "?tag=lts", "?sort_key=name&sort_dir=asc", "?sort=size:desc,name:asc", "?limit=2",
                "?owner=p-alpha", "?name=shared%20image")) {
            probes.add(new Probe(caller.user() + " lists /v2/images" + query, caller, "/v2/images" + query,
                    Kind.LIST));
        }
    }

    /** Every probe's answer, normalized for comparison, by label. */
    private static Map<String, Object> observe(URI base, List<Probe> probes) throws Exception {
        Map<String, Object> seen = new LinkedHashMap<>();
        for (Probe probe : probes) {
            HttpRequest request = request(base, probe.caller(), "GET", probe.path(), null).build();
            if (probe.kind() == Kind.DATA) {
                HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("status", response.statusCode());
                try (InputStream body = response.body()) {
                    if (response.statusCode() == 200) {
                        data.put("Content-MD5", response.headers().firstValue("Content-MD5").orElse(null));
                        data.put("Content-Length", response.headers().firstValue("Content-Length").orElse(null));
                        data.put("sha256", sha256(body));
                    } else {
                        body.transferTo(OutputStream.nullOutputStream());
                    }
                }
                seen.put(probe.label(), data);
                continue;
            }
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("status", response.statusCode());
            if (response.statusCode() == 200) {
                JsonNode body = JSON.readTree(response.body());
                if (probe.kind() == Kind.IMAGE) {
                    answer.put("image", body);
                } else if (probe.kind() == Kind.LIST) {
                    answer.put("ids", body.path("images").findValuesAsText("id"));
                } else if (probe.kind() == Kind.DOCUMENT) {
                    answer.put("body", body);
                } else {
                    List<JsonNode> members = new ArrayList<>();
                    body.path("members").forEach(members::add);
                    members.sort(Comparator.comparing(m -> m.path("member_id").asText()));
                    answer.put("members", members);
                    answer.put("schema", body.path("schema").asText());
                }
            }
            seen.put(probe.label(), answer);
        }
        return seen;
    }

    @SuppressWarnings("unchecked")
    private static void compare(String label, Object glance, Object glance4j, List<String> differences) {
        Map<String, Object> expected = (Map<String, Object>) glance;
        Map<String, Object> actual = (Map<String, Object>) glance4j;
        for (Map.Entry<String, Object> part : expected.entrySet()) {
            Object theirs = part.getValue();
            Object ours = actual.get(part.getKey());
            if (theirs instanceof JsonNode image && ours instanceof JsonNode) {
                compareImage(label, image, (JsonNode) ours, differences);
            } else if (theirs instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof JsonNode) {
                if (!(ours instanceof List<?> mine) || mine.size() != list.size()) {
                    differences.add(label + ": members " + list + " in Glance, " + ours + " in glance4j");
                    continue;
                }
                for (int i = 0; i < list.size(); i++) {
                    compareImage(label + " member " + i, (JsonNode) list.get(i), (JsonNode) mine.get(i),
                            differences);
                }
            } else if (theirs == null ? ours != null : !theirs.equals(ours)) {
                differences.add(label + ": " + part.getKey() + " " + theirs + " in Glance, " + ours + " in glance4j");
            }
        }
    }

    private static void compareImage(String label, JsonNode glance, JsonNode glance4j, List<String> differences) {
        Set<String> fields = new TreeSet<>();
        glance.fieldNames().forEachRemaining(fields::add);
        glance4j.fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            if (MAY_DIFFER.containsKey(field)) {
                continue;
            }
            JsonNode theirs = glance.get(field);
            JsonNode ours = glance4j.get(field);
            if (field.equals("tags") && theirs != null && ours != null) {
                theirs = sorted(theirs);
                ours = sorted(ours);
            }
            if (theirs == null ? ours != null : !theirs.equals(ours)) {
                differences.add(label + ": field " + field + " is " + theirs + " in Glance, " + ours
                        + " in glance4j");
            }
        }
    }

    /** Tags are a set; neither server promises an order. */
    private static JsonNode sorted(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        values.sort(null);
        ArrayNode sorted = JSON.createArrayNode();
        values.forEach(sorted::add);
        return sorted;
    }

    private static String create(URI base, Caller caller, Map<String, Object> fields) throws Exception {
        String body = JSON.writeValueAsString(fields);
        return JSON.readTree(call(base, caller, "POST", "/v2/images", body, 201)).path("id").asText();
    }

    private static void patch(URI base, Caller caller, String id, String operations) throws Exception {
        HttpRequest request = request(base, caller, "PATCH", "/v2/images/" + id,
                HttpRequest.BodyPublishers.ofString(operations))
                .header("Content-Type", "application/openstack-images-v2.1-json-patch").build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("PATCH /v2/images/%s: %s", id, response.body()).isEqualTo(200);
    }

    private void upload(URI base, Caller caller, String id, Path file) throws Exception {
        call(base, caller, "PUT", "/v2/images/" + id + "/file", file, 204);
    }

    private static void awaitActive(URI base, Caller caller, String id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        String status = "";
        while (System.nanoTime() < deadline) {
            status = JSON.readTree(call(base, caller, "GET", "/v2/images/" + id, null, 200)).path("status").asText();
            if (status.equals("active")) {
                return;
            }
            assertThat(status).as("image %s during its glance-direct import", id).isIn("queued", "uploading",
                    "importing");
            Thread.sleep(100);
        }
        throw new AssertionError("image " + id + " still " + status + " 180 s after its import began");
    }

    /**
     * Sends a request and checks its status; a {@link Path} body is sent as octet-stream, a string as JSON.
     */
    private static String call(URI base, Caller caller, String method, String path, Object body, int status)
            throws Exception {
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
        String type = null;
        if (body instanceof Path file) {
            publisher = HttpRequest.BodyPublishers.ofFile(file);
            type = "application/octet-stream";
        } else if (body instanceof String text) {
            publisher = HttpRequest.BodyPublishers.ofString(text);
            type = "application/json";
        }
        HttpRequest.Builder request = request(base, caller, method, path, publisher);
        if (type != null) {
            request.header("Content-Type", type);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s as %s: %s", method, path, caller.user(), response.body())
                .isEqualTo(status);
        return response.body();
    }

    private static HttpRequest.Builder request(URI base, Caller caller, String method, String path,
            HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(120))
                .header("Accept", "application/json")
                .header("X-Identity-Status", "Confirmed").header("X-User-Id", caller.user())
                .header("X-Project-Id", caller.project()).header("X-Roles", caller.roles())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
    }

    private static String importGlance(String from, Path config, Path data) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        int status = Main.db(List.of("import-glance", "--from", from, "--config", config.toString(), "--data-dir",
                data.toString()), both, both);
        String output = buffer.toString(StandardCharsets.UTF_8);
        assertThat(status).as(output).isZero();
        return output;
    }

    private static Path randomFile(Path work, String name, int size, Random random) throws IOException {
        Path file = work.resolve(name);
        byte[] chunk = new byte[8192];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int left = size; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, Math.min(left, chunk.length));
            }
        }
        return file;
    }

    private static String sha256(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[65536];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Iterator<Path> it = files.sorted(Comparator.reverseOrder()).iterator(); it.hasNext(); ) {
                Files.deleteIfExists(it.next());
            }
        }
    }
}
