package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * <p>The tasks and the metadefs catalog are compared too ({@link Kind#DOCUMENT}, the whole JSON answer path by
 * path): the catalog Glance loaded ({@code db_load_metadefs}) plus a private and a public namespace of
 * {@code p-alpha} made over Glance's API, listed, shown and read item by item by every caller; the tasks API and the
 * {@code api_image_import} task of the glance-direct import. What may differ there is named in
 * {@link #DOCUMENT_MAY_DIFFER}, {@link #UNORDERED_BY_NAME}, {@link #WITHOUT_VISIBILITY} and in
 * {@link #compareDocument} ({@code updated_at}).
 *
 * <p>One subclass per database Glance keeps its records in; the database is made by Glance's own
 * {@code glance-manage db_sync}.
 */
abstract class RealGlanceImportContract {

    /** A new, empty database for Glance, as the SQLAlchemy URL of its {@code [database] connection}. */
    abstract String newGlanceDatabase(Path work) throws Exception;

    /**
     * Whether Glance's database compares names case-insensitively when it sorts (MariaDB's default collation):
     * then Glance's namespace list sorted by name is in that order, glance4j's in code point order on any database.
     */
    boolean sortsNamesIgnoringCase() {
        return false;
    }

    /**
     * Image fields glance4j may show differently from Glance after the import, each with why. Everything else in
     * an image's JSON must be equal.
     */
    static final Map<String, String> MAY_DIFFER = Map.of();

    /**
     * Fields of the other JSON answers ({@link Kind#DOCUMENT}: metadefs, tasks) glance4j may give differently from
     * Glance, each with why; for these only their presence must match. Everything else must be equal.
     */
    static final Map<String, String> DOCUMENT_MAY_DIFFER = Map.of();

    /**
     * Arrays of the other JSON answers whose order Glance leaves to its database (no {@code ORDER BY}), compared as
     * sets of their items' names: a namespace's objects (Glance's SQLite and MariaDB return them by name, through
     * the unique index on namespace and name) and its resource type associations (MariaDB returns them by resource
     * type name); glance4j gives both in the order Glance created them.
     */
    static final Set<String> UNORDERED_BY_NAME = Set.of("objects", "resource_type_associations");

    /**
     * The catalog's namespaces whose files name no visibility: {@code db_load_metadefs} leaves the column empty,
     * both servers show them as {@code private}, but Glance's {@code ?visibility=private} filter compares the empty
     * column and misses them (a Glance bug); glance4j lists them there, as what they show.
     */
    static final Set<String> WITHOUT_VISIBILITY = Set.of("OS::Glance::CommonImageProperties", "OS::OperatingSystem");

    /** The namespaces of Debian's catalog ({@code db_load_metadefs}); two of them private to {@code admin}. */
    static final int CATALOG_NAMESPACES = 33;
    /** A namespace private to project {@code p-alpha}, made on Glance by its admin. */
    static final String PRIVATE_NAMESPACE = "Glance4j::AlphaPrivate";
    /** A public namespace owned by {@code p-alpha}, made on Glance by its admin. */
    static final String PUBLIC_NAMESPACE = "Glance4j::AlphaPublic";
    /** A resource type no catalog file names: Glance creates it with its first association. */
    static final String CUSTOM_RESOURCE_TYPE = "Glance4j::Appliance";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The SHA-256 of the data uploaded, by image label (those the admin's download is checked against). */
    private final Map<String, String> uploaded = new LinkedHashMap<>();
    /** The id of the {@code api_image_import} task Glance made for the glance-direct import. */
    private String importTask;

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A caller: the identity headers keystonemiddleware would have set for a token of this user. */
    record Caller(String user, String project, String roles) {}

    static final Caller ALPHA_ADMIN = new Caller("u-alpha-admin", "p-alpha", "admin,member,reader");
    static final Caller ALPHA_MEMBER = new Caller("u-alpha-member", "p-alpha", "member,reader");
    static final Caller ALPHA_READER = new Caller("u-alpha-reader", "p-alpha", "reader");
    static final Caller BETA = new Caller("u-beta", "p-beta", "member,reader");
    static final Caller GAMMA = new Caller("u-gamma", "p-gamma", "member,reader");
    static final Caller DELTA = new Caller("u-delta", "p-delta", "member,reader");
    static final List<Caller> CALLERS = List.of(ALPHA_ADMIN, ALPHA_MEMBER, ALPHA_READER, BETA, GAMMA, DELTA);

    /** One request made as one caller against both servers. */
    record Probe(String label, Caller caller, String path, Kind kind) {}

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
            populateMetadefs(glance.url());
            before = observe(glance.url(), probes(ids, importTask));
        }
        long glanceDone = System.nanoTime();
        Files.writeString(
                work.resolve("glance-view.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(before));
        theScenarioDidWhatItMeant(before);

        Path glance4jConf = work.resolve("glance4j.conf");
        Files.writeString(
                glance4jConf,
                String.join(
                        "\n",
                        "[DEFAULT]",
                        "enabled_backends = " + RealGlanceServer.STORE + ":file",
                        "[glance_store]",
                        "default_backend = " + RealGlanceServer.STORE,
                        "[" + RealGlanceServer.STORE + "]",
                        "filesystem_store_datadir = " + work.resolve("glance").resolve("images"),
                        "store_description = local file store",
                        ""));
        Path data = work.resolve("glance4j-data");
        String output = importGlance(databaseUrl, glance4jConf, data);
        assertThat(output)
                .contains("images: " + (ids.size() - 1) + " copied, 0 unchanged, 0 differ (kept), "
                        + "0 replaced, 1 deleted in Glance (skipped), 0 failed")
                .contains("tasks: 1 copied, 0 unchanged, 0 differ (kept), 0 replaced, 0 skipped, 0 failed")
                .contains("metadef namespaces: " + (CATALOG_NAMESPACES + 2) + " copied, 0 unchanged")
                .contains("images with problems: 0; other records with problems: 0");

        Map<String, Object> after;
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
                glance4jConf.toString()))) {
            after = observe(server.baseUri(), probes(ids, importTask));
        }
        Files.writeString(
                work.resolve("glance4j-view.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(after));
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, Object> seen : before.entrySet()) {
            compare(seen.getKey(), seen.getValue(), after.get(seen.getKey()), differences);
        }
        assertThat(body(after, "u-alpha-admin gets /v2/metadefs/namespaces?visibility=private")
                        .path("namespaces")
                        .findValuesAsText("namespace"))
                .as("what shows as private is listed as private")
                .containsAll(WITHOUT_VISIBILITY);
        Files.write(work.resolve("differences.txt"), differences);
        assertThat(differences)
                .as("what glance4j answers differently from Glance (all in %s)", work.resolve("differences.txt"))
                .isEmpty();
        System.out.printf(
                "%s: Glance (db_sync, start, populate, observe) %.1f s, import and glance4j %.1f s%n",
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

        String pub = create(
                glance,
                ALPHA_ADMIN,
                Map.of(
                        "name",
                        "ubuntu-24.04",
                        "disk_format",
                        "qcow2",
                        "container_format",
                        "bare",
                        "visibility",
                        "public",
                        "os_distro",
                        "ubuntu",
                        "hw_disk_bus",
                        "virtio",
                        "tags",
                        List.of("lts", "ubuntu")));
        upload(glance, ALPHA_ADMIN, pub, randomFile(work, "public.bin", 1_500_000, random));
        ids.put("public", pub);
        uploaded.put("public", sha256(work.resolve("public.bin")));

        String priv = create(
                glance,
                ALPHA_MEMBER,
                Map.of(
                        "name",
                        "private image",
                        "disk_format",
                        "raw",
                        "container_format",
                        "bare",
                        "min_disk",
                        1,
                        "min_ram",
                        128,
                        "custom_note",
                        "déjà vu ✓ with spaces"));
        upload(glance, ALPHA_MEMBER, priv, randomFile(work, "private.bin", 65_536, random));
        call(glance, ALPHA_MEMBER, "PUT", "/v2/images/" + priv + "/tags/added-later", null, 204);
        patch(glance, ALPHA_MEMBER, priv, "[{\"op\": \"add\", \"path\": \"/build\", \"value\": \"42\"}]");
        ids.put("private", priv);
        uploaded.put("private", sha256(work.resolve("private.bin")));

        String shared = create(
                glance,
                ALPHA_MEMBER,
                Map.of(
                        "name",
                        "shared image",
                        "disk_format",
                        "raw",
                        "container_format",
                        "bare",
                        "visibility",
                        "shared",
                        "tags",
                        List.of("shared")));
        upload(glance, ALPHA_MEMBER, shared, randomFile(work, "shared.bin", 10_000, random));
        for (Caller member : List.of(BETA, GAMMA, DELTA)) {
            call(
                    glance,
                    ALPHA_MEMBER,
                    "POST",
                    "/v2/images/" + shared + "/members",
                    "{\"member\": \"" + member.project() + "\"}",
                    200);
        }
        call(
                glance,
                BETA,
                "PUT",
                "/v2/images/" + shared + "/members/" + BETA.project(),
                "{\"status\": \"accepted\"}",
                200);
        call(
                glance,
                GAMMA,
                "PUT",
                "/v2/images/" + shared + "/members/" + GAMMA.project(),
                "{\"status\": \"rejected\"}",
                200);
        ids.put("shared", shared);

        String community = create(
                glance,
                ALPHA_MEMBER,
                Map.of(
                        "name",
                        "community image",
                        "disk_format",
                        "raw",
                        "container_format",
                        "bare",
                        "visibility",
                        "community"));
        upload(glance, ALPHA_MEMBER, community, randomFile(work, "community.bin", 4_096, random));
        call(glance, ALPHA_ADMIN, "POST", "/v2/images/" + community + "/actions/deactivate", null, 204);
        ids.put("deactivated", community);

        String imported = create(
                glance, ALPHA_MEMBER, Map.of("name", "imported", "disk_format", "raw", "container_format", "bare"));
        call(
                glance,
                ALPHA_MEMBER,
                "PUT",
                "/v2/images/" + imported + "/stage",
                randomFile(work, "imported.bin", 300_000, random),
                204);
        call(
                glance,
                ALPHA_MEMBER,
                "POST",
                "/v2/images/" + imported + "/import",
                "{\"method\": {\"name\": \"glance-direct\"}}",
                202);
        awaitActive(glance, ALPHA_MEMBER, imported);
        importTask = awaitTaskDone(glance, imported);
        ids.put("imported", imported);
        uploaded.put("imported", sha256(work.resolve("imported.bin")));

        String queued = create(glance, ALPHA_MEMBER, Map.of("name", "no data yet", "protected", true));
        ids.put("queued", queued);

        String hidden = create(
                glance,
                BETA,
                Map.of(
                        "name",
                        "hidden community",
                        "disk_format",
                        "iso",
                        "container_format",
                        "bare",
                        "visibility",
                        "community",
                        "os_hidden",
                        true));
        upload(glance, BETA, hidden, randomFile(work, "hidden.bin", 2_048, random));
        ids.put("hidden", hidden);

        String deleted = create(
                glance, ALPHA_MEMBER, Map.of("name", "deleted", "disk_format", "raw", "container_format", "bare"));
        upload(glance, ALPHA_MEMBER, deleted, randomFile(work, "deleted.bin", 1_000, random));
        call(glance, ALPHA_MEMBER, "DELETE", "/v2/images/" + deleted, null, 204);
        ids.put("deleted", deleted);
        return ids;
    }

    /**
     * Adds to Glance's catalog, as the admin of {@code p-alpha} (metadefs writes are admin-only): a private namespace
     * of {@code p-alpha} with an object, properties, tags (bulk, appended and single) and associations with a custom
     * resource type and with {@code OS::Glance::Image}; and a public one of {@code p-alpha} with a property and tags.
     */
    private static void populateMetadefs(URI glance) throws Exception {
        String namespaces = "/v2/metadefs/namespaces";
        call(
                glance,
                ALPHA_ADMIN,
                "POST",
                namespaces,
                JSON.writeValueAsString(Map.of(
                        "namespace",
                        PRIVATE_NAMESPACE,
                        "display_name",
                        "Alpha's appliances",
                        "description",
                        "Only for project alpha: déjà vu ✓",
                        "visibility",
                        "private",
                        "protected",
                        true)),
                201);
        String ns = namespaces + "/" + PRIVATE_NAMESPACE;
        call(
                glance,
                ALPHA_ADMIN,
                "POST",
                ns + "/resource_types",
                JSON.writeValueAsString(
                        Map.of("name", CUSTOM_RESOURCE_TYPE, "prefix", "appliance_", "properties_target", "image")),
                201);
        call(
                glance,
                ALPHA_ADMIN,
                "POST",
                ns + "/resource_types",
                JSON.writeValueAsString(Map.of("name", "OS::Glance::Image", "prefix", "alpha_")),
                201);
        call(
                glance,
                ALPHA_ADMIN,
                "POST",
                ns + "/objects",
                JSON.writeValueAsString(Map.of(
                        "name",
                        "Licence",
                        "description",
                        "The licence of an appliance",
                        "required",
                        List.of("key"),
                        "properties",
                        Map.of(
                                "key", Map.of("type", "string", "title", "Key", "maxLength", 64),
                                "seats", Map.of("type", "integer", "title", "Seats", "minimum", 1, "default", 5),
                                "features",
                                        Map.of(
                                                "type",
                                                "array",
                                                "title",
                                                "Features",
                                                "uniqueItems",
                                                true,
                                                "items",
                                                Map.of("type", "string", "enum", List.of("ha", "backup")))))),
                201);
        call(
                glance,
                ALPHA_ADMIN,
                "POST",
                ns + "/properties",
                JSON.writeValueAsString(Map.of(
                        "name",
                        "tier",
                        "title",
                        "Tier",
                        "type",
                        "string",
                        "description",
                        "Service tier",
                        "enum",
                        List.of("gold", "silver"),
                        "default",
                        "silver")),
                201);
        call(
                glance,
                ALPHA_ADMIN,
                "POST",
                ns + "/properties",
                JSON.writeValueAsString(Map.of(
                        "name",
                        "cores",
                        "title",
                        "Cores",
                        "type",
                        "integer",
                        "minimum",
                        1,
                        "maximum",
                        64,
                        "readonly",
                        false)),
                201);
        call(
                glance,
                ALPHA_ADMIN,
                "POST",
                ns + "/tags",
                "{\"tags\": [{\"name\": \"alpha-only\"}, " + "{\"name\": \"appliance\"}]}",
                201);
        HttpResponse<String> appended = HTTP.send(
                request(
                                glance,
                                ALPHA_ADMIN,
                                "POST",
                                ns + "/tags",
                                HttpRequest.BodyPublishers.ofString("{\"tags\": [{\"name\": \"appended\"}]}"))
                        .header("Content-Type", "application/json")
                        .header("X-Openstack-Append", "True")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(appended.statusCode())
                .as("appending a tag: %s", appended.body())
                .isEqualTo(201);
        call(glance, ALPHA_ADMIN, "POST", ns + "/tags/single", null, 201);

        call(
                glance,
                ALPHA_ADMIN,
                "POST",
                namespaces,
                JSON.writeValueAsString(Map.of(
                        "namespace",
                        PUBLIC_NAMESPACE,
                        "display_name",
                        "Alpha's public hints",
                        "visibility",
                        "public",
                        "resource_type_associations",
                        List.of(Map.of("name", CUSTOM_RESOURCE_TYPE)),
                        "properties",
                        Map.of("colour", Map.of("title", "Colour", "type", "string")),
                        "tags",
                        List.of(Map.of("name", "shared-hint"), Map.of("name", "another hint")))),
                201);
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
        assertThat(answer(glance, "u-beta lists /v2/images").get("ids"))
                .asList()
                .contains(ids(glance, "shared"));
        assertThat(answer(glance, "u-gamma lists /v2/images").get("ids"))
                .asList()
                .doesNotContain(ids(glance, "shared"));
        assertThat(status(glance, "u-alpha-reader downloads public")).isEqualTo(403);
        assertThat(status(glance, "u-alpha-member downloads deactivated")).isEqualTo(403);
        assertThat(status(glance, "u-alpha-admin downloads deactivated")).isEqualTo(200);
        assertThat(status(glance, "u-alpha-member downloads queued")).isEqualTo(204);
        for (Map.Entry<String, String> file : uploaded.entrySet()) {
            assertThat(answer(glance, "u-alpha-admin downloads " + file.getKey())
                            .get("sha256"))
                    .as("the bytes of %s that Glance gives back", file.getKey())
                    .isEqualTo(file.getValue());
        }
        assertThat(((JsonNode) answer(glance, "u-alpha-member shows imported").get("image"))
                        .path("status")
                        .asText())
                .isEqualTo("active");

        String privateNamespace = " gets /v2/metadefs/namespaces/" + PRIVATE_NAMESPACE;
        assertThat(status(glance, "u-alpha-reader" + privateNamespace)).isEqualTo(200);
        assertThat(status(glance, "u-beta" + privateNamespace)).isEqualTo(404);
        assertThat(status(glance, "u-beta gets /v2/metadefs/namespaces/" + PUBLIC_NAMESPACE))
                .isEqualTo(200);
        assertThat(status(glance, "u-beta gets /v2/metadefs/namespaces/OS::Glance::CommonImageProperties"))
                .isEqualTo(404);
        assertThat(body(glance, "u-alpha-member gets /v2/metadefs/namespaces?limit=100")
                        .path("namespaces")
                        .findValuesAsText("namespace"))
                .contains(PRIVATE_NAMESPACE, PUBLIC_NAMESPACE)
                .hasSize(CATALOG_NAMESPACES - WITHOUT_VISIBILITY.size() + 2);
        assertThat(body(glance, "u-gamma gets /v2/metadefs/namespaces?resource_types=" + CUSTOM_RESOURCE_TYPE)
                        .path("namespaces")
                        .findValuesAsText("namespace"))
                .containsExactly(PUBLIC_NAMESPACE);
        assertThat(body(glance, "u-alpha-reader" + privateNamespace)
                        .path("tags")
                        .findValuesAsText("name"))
                .hasSize(4);
        assertThat(status(glance, "u-alpha-member gets /v2/tasks")).isEqualTo(403);
        assertThat(body(glance, "u-alpha-admin gets /v2/tasks").path("tasks").findValuesAsText("type"))
                .containsExactly("api_image_import");
        assertThat(body(glance, "u-alpha-reader lists the tasks of imported").path("tasks"))
                .hasSize(1);
        assertThat(status(glance, "u-beta lists the tasks of imported")).isEqualTo(404);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> answer(Map<String, Object> seen, String label) {
        Map<String, Object> answer = (Map<String, Object>) seen.get(label);
        assertThat(answer).as("an answer to '%s'", label).isNotNull();
        return answer;
    }

    private static JsonNode body(Map<String, Object> seen, String label) {
        JsonNode body = (JsonNode) answer(seen, label).get("body");
        assertThat(body).as("the JSON answer to '%s'", label).isNotNull();
        return body;
    }

    private static int status(Map<String, Object> seen, String label) {
        return (Integer) answer(seen, label).get("status");
    }

    private String ids(Map<String, Object> seen, String label) {
        return ((JsonNode) answer(seen, "u-alpha-admin shows " + label).get("image"))
                .path("id")
                .asText();
    }

    /** Every request compared, for every caller. */
    private static List<Probe> probes(Map<String, String> ids, String importTask) {
        List<Probe> probes = new ArrayList<>();
        for (Caller caller : CALLERS) {
            imageProbes(caller, ids, probes);
            listProbes(caller, ids, probes);
            taskProbes(caller, importTask, probes);
            metadefProbes(caller, probes);
        }
        return probes;
    }

    private static void document(Caller caller, String path, List<Probe> probes) {
        probes.add(new Probe(caller.user() + " gets " + path, caller, path, Kind.DOCUMENT));
    }

    /** The tasks API (admin-only) and the glance-direct import's task; an image's tasks are in imageProbes. */
    private static void taskProbes(Caller caller, String importTask, List<Probe> probes) {
        for (String path : List.of(
                "/v2/tasks",
                "/v2/tasks?status=success",
                "/v2/tasks?type=api_image_import",
                "/v2/tasks/" + importTask)) {
            document(caller, path, probes);
        }
    }

    /** The metadefs catalog: namespaces listed with filters and pages, shown whole, and everything in them. */
    private static void metadefProbes(Caller caller, List<Probe> probes) {
        String namespaces = "/v2/metadefs/namespaces";
        for (String query : List.of(
                "",
                "?resource_types=OS::Glance::Image",
                "?resource_types=" + CUSTOM_RESOURCE_TYPE,
                "?resource_types=OS::Nova::Server,OS::Cinder::Volume",
                "?visibility=public",
                "?visibility=private",
                "?limit=5",
                "?limit=5&marker=OS::Compute::Libvirt",
                "?limit=100",
                "?sort_key=namespace&sort_dir=asc&limit=100",
                "?sort_key=namespace&sort_dir=asc&limit=4&marker=" + PRIVATE_NAMESPACE)) {
            document(caller, namespaces + query, probes);
        }
        for (String namespace : List.of(
                PRIVATE_NAMESPACE,
                PUBLIC_NAMESPACE,
                "OS::Glance::CommonImageProperties",
                "OS::Compute::Libvirt",
                "OS::Software::DBMS")) {
            String ns = namespaces + "/" + namespace;
            for (String part : List.of("", "/objects", "/properties", "/tags", "/resource_types")) {
                document(caller, ns + part, probes);
            }
        }
        String ns = namespaces + "/" + PRIVATE_NAMESPACE;
        for (String path : List.of(
                ns + "?resource_type=OS::Glance::Image",
                ns + "/objects/Licence",
                ns + "/properties/tier",
                ns + "/tags/appended",
                namespaces + "/OS::Software::DBMS/objects/MySQL",
                namespaces + "/OS::Compute::Libvirt/properties/boot_menu",
                "/v2/metadefs/resource_types")) {
            document(caller, path, probes);
        }
    }

    private static void imageProbes(Caller caller, Map<String, String> ids, List<Probe> probes) {
        ids.forEach((label, id) -> {
            String who = caller.user() + " ";
            probes.add(new Probe(who + "shows " + label, caller, "/v2/images/" + id, Kind.IMAGE));
            probes.add(new Probe(
                    who + "lists the members of " + label, caller, "/v2/images/" + id + "/members", Kind.MEMBERS));
            probes.add(new Probe(who + "downloads " + label, caller, "/v2/images/" + id + "/file", Kind.DATA));
            probes.add(new Probe(
                    who + "lists the tasks of " + label, caller, "/v2/images/" + id + "/tasks", Kind.DOCUMENT));
        });
    }

    private static void listProbes(Caller caller, Map<String, String> ids, List<Probe> probes) {
        for (String query : List.of(
                "",
                "?visibility=public",
                "?visibility=private",
                "?visibility=shared",
                "?visibility=community",
                "?visibility=all",
                "?visibility=shared&member_status=all",
                "?member_status=pending",
                "?member_status=rejected",
                "?os_hidden=true",
                "?status=deactivated",
                "?tag=lts",
                "?sort_key=name&sort_dir=asc",
                "?sort=size:desc,name:asc",
                "?limit=2",
                "?owner=p-alpha",
                "?name=shared%20image")) {
            probes.add(new Probe(caller.user() + " lists /v2/images" + query, caller, "/v2/images" + query, Kind.LIST));
        }
    }

    /** Every probe's answer, normalized for comparison, by label. */
    private static Map<String, Object> observe(URI base, List<Probe> probes) throws Exception {
        Map<String, Object> seen = new LinkedHashMap<>();
        for (Probe probe : probes) {
            HttpRequest request =
                    request(base, probe.caller(), "GET", probe.path(), null).build();
            if (probe.kind() == Kind.DATA) {
                HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("status", response.statusCode());
                try (InputStream body = response.body()) {
                    if (response.statusCode() == 200) {
                        data.put(
                                "Content-MD5",
                                response.headers().firstValue("Content-MD5").orElse(null));
                        data.put(
                                "Content-Length",
                                response.headers().firstValue("Content-Length").orElse(null));
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
    private void compare(String label, Object glance, Object glance4j, List<String> differences) {
        Map<String, Object> expected = (Map<String, Object>) glance;
        Map<String, Object> actual = (Map<String, Object>) glance4j;
        for (Map.Entry<String, Object> part : expected.entrySet()) {
            Object theirs = part.getValue();
            Object ours = actual.get(part.getKey());
            if (part.getKey().equals("body")) {
                if (label.endsWith(" gets /v2/metadefs/namespaces?visibility=private") && ours != null) {
                    ours = withoutNamespaces((JsonNode) ours, WITHOUT_VISIBILITY);
                }
                if (label.endsWith(" gets /v2/metadefs/namespaces?sort_key=namespace&sort_dir=asc&limit=100")
                        && sortsNamesIgnoringCase()) {
                    theirs = inCodePointOrder((JsonNode) theirs);
                }
                compareDocument(label + ": ", (JsonNode) theirs, (JsonNode) ours, differences);
            } else if (theirs instanceof JsonNode image && ours instanceof JsonNode) {
                compareImage(label, image, (JsonNode) ours, differences);
            } else if (theirs instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof JsonNode) {
                if (!(ours instanceof List<?> mine) || mine.size() != list.size()) {
                    differences.add(label + ": members " + list + " in Glance, " + ours + " in glance4j");
                    continue;
                }
                for (int i = 0; i < list.size(); i++) {
                    compareImage(label + " member " + i, (JsonNode) list.get(i), (JsonNode) mine.get(i), differences);
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
                differences.add(label + ": field " + field + " is " + theirs + " in Glance, " + ours + " in glance4j");
            }
        }
    }

    /**
     * Compares two JSON answers whole, naming the path of every difference; a field of {@link #DOCUMENT_MAY_DIFFER}
     * must only be present in both or in neither.
     */
    private static void compareDocument(String where, JsonNode glance, JsonNode glance4j, List<String> differences) {
        if (glance4j == null || glance4j.isMissingNode()) {
            differences.add(where + " is " + glance + " in Glance, missing in glance4j");
        } else if (glance.isObject() && glance4j.isObject()) {
            Set<String> fields = new TreeSet<>();
            glance.fieldNames().forEachRemaining(fields::add);
            glance4j.fieldNames().forEachRemaining(fields::add);
            for (String field : fields) {
                JsonNode theirs = glance.get(field);
                JsonNode ours = glance4j.get(field);
                if (theirs == null || ours == null) {
                    boolean updatedAtGlanceLacks = field.equals("updated_at") && theirs == null;
                    if (theirs != ours && !updatedAtGlanceLacks) {
                        differences.add(where + "/" + field + " is " + theirs + " in Glance, " + ours + " in glance4j");
                    }
                } else if (UNORDERED_BY_NAME.contains(field) && theirs.isArray() && ours.isArray()) {
                    compareDocument(where + "/" + field, byName(theirs), byName(ours), differences);
                } else if (!DOCUMENT_MAY_DIFFER.containsKey(field)) {
                    compareDocument(where + "/" + field, theirs, ours, differences);
                }
            }
            if (!glance.has("updated_at")
                    && glance4j.has("updated_at")
                    && !glance4j.get("updated_at").equals(glance4j.get("created_at"))) {
                // Glance has none for a row written without one (db_load_metadefs), glance4j its created_at
                differences.add(where + "/updated_at is missing in Glance, " + glance4j.get("updated_at")
                        + " in glance4j, not its created_at " + glance4j.get("created_at"));
            }
        } else if (glance.isArray() && glance4j.isArray() && glance.size() == glance4j.size()) {
            for (int i = 0; i < glance.size(); i++) {
                compareDocument(where + "/" + i, glance.get(i), glance4j.get(i), differences);
            }
        } else if (!glance.equals(glance4j)) {
            differences.add(where + " is " + glance + " in Glance, " + glance4j + " in glance4j");
        }
    }

    /** A namespace list sorted by name ascending, as glance4j sorts (by code point). */
    private static JsonNode inCodePointOrder(JsonNode list) {
        List<JsonNode> namespaces = new ArrayList<>();
        list.path("namespaces").forEach(namespaces::add);
        namespaces.sort(Comparator.comparing(n -> n.path("namespace").asText()));
        ObjectNode copy = list.deepCopy();
        copy.putArray("namespaces").addAll(namespaces);
        return copy;
    }

    private static JsonNode withoutNamespaces(JsonNode list, Set<String> left) {
        ObjectNode copy = list.deepCopy();
        ArrayNode kept = copy.putArray("namespaces");
        list.path("namespaces").forEach(n -> {
            if (!left.contains(n.path("namespace").asText())) {
                kept.add(n);
            }
        });
        return copy;
    }

    private static JsonNode byName(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        items.sort(Comparator.comparing(item -> item.path("name").asText()));
        ArrayNode sorted = JSON.createArrayNode();
        sorted.addAll(items);
        return sorted;
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
        return JSON.readTree(call(base, caller, "POST", "/v2/images", body, 201))
                .path("id")
                .asText();
    }

    private static void patch(URI base, Caller caller, String id, String operations) throws Exception {
        HttpRequest request = request(
                        base, caller, "PATCH", "/v2/images/" + id, HttpRequest.BodyPublishers.ofString(operations))
                .header("Content-Type", "application/openstack-images-v2.1-json-patch")
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("PATCH /v2/images/%s: %s", id, response.body())
                .isEqualTo(200);
    }

    private void upload(URI base, Caller caller, String id, Path file) throws Exception {
        call(base, caller, "PUT", "/v2/images/" + id + "/file", file, 204);
    }

    private static void awaitActive(URI base, Caller caller, String id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        String status = "";
        while (System.nanoTime() < deadline) {
            status = JSON.readTree(call(base, caller, "GET", "/v2/images/" + id, null, 200))
                    .path("status")
                    .asText();
            if (status.equals("active")) {
                return;
            }
            assertThat(status)
                    .as("image %s during its glance-direct import", id)
                    .isIn("queued", "uploading", "importing");
            Thread.sleep(100);
        }
        throw new AssertionError("image " + id + " still " + status + " 180 s after its import began");
    }

    /**
     * Waits until the one task Glance made for an image's import has ended and returns its id: the image turns
     * active before its import task records its success.
     */
    private static String awaitTaskDone(URI base, String imageId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        JsonNode task = null;
        while (System.nanoTime() < deadline) {
            JsonNode tasks = JSON.readTree(
                            call(base, ALPHA_ADMIN, "GET", "/v2/images/" + imageId + "/tasks", null, 200))
                    .path("tasks");
            assertThat(tasks).as("the tasks of image %s", imageId).hasSize(1);
            task = tasks.get(0);
            if (!Set.of("pending", "processing").contains(task.path("status").asText())) {
                assertThat(task.path("status").asText()).as("task %s", task).isEqualTo("success");
                return task.path("id").asText();
            }
            Thread.sleep(100);
        }
        throw new AssertionError(
                "the import task of " + imageId + " has not ended 180 s after its import began: " + task);
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
        assertThat(response.statusCode())
                .as("%s %s as %s: %s", method, path, caller.user(), response.body())
                .isEqualTo(status);
        return response.body();
    }

    private static HttpRequest.Builder request(
            URI base, Caller caller, String method, String path, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(120))
                .header("Accept", "application/json")
                .header("X-Identity-Status", "Confirmed")
                .header("X-User-Id", caller.user())
                .header("X-Project-Id", caller.project())
                .header("X-Roles", caller.roles())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
    }

    private static String importGlance(String from, Path config, Path data) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        int status = Main.db(
                List.of("import-glance", "--from", from, "--config", config.toString(), "--data-dir", data.toString()),
                both,
                both);
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
