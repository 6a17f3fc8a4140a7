package org.glance4j.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.glance4j.bootstrap.api.BothDatabases.Target;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Text that no stored name, key or value may hold, refused with the same 400 on SQLite and on PostgreSQL: NUL
 * anywhere (bodies, paths, query strings), control characters in names, keys, tags and member ids, unpaired
 * surrogates and bytes that are not UTF-8. Property values keep tabs and newlines. Glance stores NUL on SQLite
 * and answers 500 on PostgreSQL; refusing it is a deliberate difference (docs/differences-from-glance.md).
 */
@Tag(ImageDataExtrasApiTest.GLANCE4J_EXTRA)
@ExtendWith(BothDatabases.class)
class HostileTextApiTest extends ApiTestSupport {

    @BeforeAll
    static void onlyInProcess() {
        assumeThat(ApiTarget.isExternal()).as("starts its own glance4j servers").isFalse();
    }

    static List<Target> databases() {
        return BothDatabases.targets();
    }

    /** A 400 whose message says what was wrong in the API's words, never a driver's or a parser's. */
    private static void assertRefusedPlainly(ApiResponse response, String expectedMessagePart) {
        assertThat(response.status()).as("%s", response).isEqualTo(400);
        String message = response.json().get("message").asText();
        assertThat(message)
                .as("%s", response)
                .contains(expectedMessagePart)
                .doesNotContain("ERROR:", "SQL", "org.", "com.", "Exception", "Hikari", "\u0000");
    }

    private String createdId(Api api, String json) {
        ApiResponse created = api.post("/v2/images", json);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json().get("id").asText();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void nulIsRefusedInEveryImageFieldOfABody(Target target) {
        Api api = Api.at(target.base(), people.memberA);
        assertRefusedPlainly(api.post("/v2/images", "{\"name\": \"a\\u0000b\"}"), "Name must not contain the NUL");
        assertRefusedPlainly(api.post("/v2/images", "{\"name\": \"n\", \"tags\": [\"t\\u0000\"]}"), "Tag");
        assertRefusedPlainly(api.post("/v2/images", "{\"name\": \"n\", \"x\\u0000\": \"v\"}"), "Property name");
        assertRefusedPlainly(
                api.post("/v2/images", "{\"name\": \"n\", \"x\": \"v\\u0000w\"}"),
                "Value of property 'x' must not contain the NUL");

        String id = createdId(api, "{\"name\": \"" + unique("nul") + "\"}");
        assertRefusedPlainly(
                api.patch(
                        "/v2/images/" + id,
                        "[{\"op\": \"replace\", \"path\": \"/name\", \"value\": " + "\"a\\u0000\"}]"),
                "Name");
        assertRefusedPlainly(
                api.patch("/v2/images/" + id, "[{\"op\": \"add\", \"path\": \"/k\", \"value\": " + "\"\\u0000\"}]"),
                "NUL");
        assertRefusedPlainly(
                api.patch(
                        "/v2/images/" + id,
                        "[{\"op\": \"replace\", \"path\": \"/tags\", \"value\": " + "[\"\\u0000\"]}]"),
                "Tag");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void controlCharactersAreRefusedInNamesKeysAndTagsButKeptInValues(Target target) {
        Api api = Api.at(target.base(), people.memberA);
        assertRefusedPlainly(
                api.post("/v2/images", "{\"name\": \"a\\u0001b\"}"),
                "Name must not contain control" + " characters (found U+0001)");
        assertRefusedPlainly(api.post("/v2/images", "{\"name\": \"a\\nb\"}"), "U+000A");
        assertRefusedPlainly(api.post("/v2/images", "{\"tags\": [\"a\\tb\"]}"), "Tag");
        assertRefusedPlainly(api.post("/v2/images", "{\"x\\u007f\": \"v\"}"), "Property name");
        assertRefusedPlainly(api.post("/v2/images", "{\"x\\u0085\": \"v\"}"), "Property name");

        String value = "line 1\nline 2\tindented\r\n\u0001end";
        String id = createdId(api, Json.write(body("name", unique("ctl"), "notes", value)));
        assertThat(show(people.memberA, target, id).get("notes").asText()).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aNulKeyCannotShadowAProtectedProperty(Target target) {
        Api admin = Api.at(target.base(), people.adminA);
        Api member = Api.at(target.base(), people.memberA);
        String id = createdId(
                admin,
                Json.write(
                        body("name", unique("protected"), "x_billing_code", "42", "x_exact", "42", "color", "blue")));

        assertRefusedPlainly(
                member.patch(
                        "/v2/images/" + id,
                        "[{\"op\": \"add\", \"path\": \"/x_exact\\u0000\"," + " \"value\": \"0\"}]"),
                "Property name");

        assertRefusedPlainly(
                member.patch(
                        "/v2/images/" + id,
                        "[{\"op\": \"add\", \"path\": \"/x_billing_code\\u0000\"," + " \"value\": \"0\"}]"),
                "Property name");
        assertRefusedPlainly(
                member.patch(
                        "/v2/images/" + id,
                        "[{\"op\": \"add\", \"path\": \"/color\\u0000\"," + " \"value\": \"red\"}]"),
                "Property name");
        assertRefusedPlainly(
                member.post("/v2/images", "{\"name\": \"n\", \"x_billing_code\\u0000\": \"0\"}"), "Property name");

        for (Api who : List.of(admin, member)) {
            ApiResponse shown = who.get("/v2/images/" + id);
            assertThat(shown.json().get("x_billing_code").asText())
                    .as("%s", shown)
                    .isEqualTo("42");
            assertThat(shown.json().get("x_exact").asText()).as("%s", shown).isEqualTo("42");
            assertThat(shown.json().get("color").asText()).as("%s", shown).isEqualTo("blue");
        }
        ApiResponse listed = member.get("/v2/images?x_billing_code=42&owner=" + people.projectA);
        assertThat(ids(listed)).contains(id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void nulIsRefusedInPathsAndQueryStrings(Target target) {
        Api api = Api.at(target.base(), people.memberA);
        Api admin = Api.at(target.base(), people.adminA);
        String id = createdId(api, "{\"name\": \"" + unique("url") + "\"}");
        String nul = "The URL contains a NUL character";
        assertRefusedPlainly(api.get("/v2/images/" + id + "%00"), nul);
        assertRefusedPlainly(api.get("/v2/images/%00"), nul);
        assertRefusedPlainly(api.get("/v2/images?marker=" + id + "%00"), nul);
        assertRefusedPlainly(api.get("/v2/images?name=a%00"), nul);
        assertRefusedPlainly(api.get("/v2/images?x%00=1"), nul);
        assertRefusedPlainly(api.get("/v2/images?tag=a%00"), nul);
        assertRefusedPlainly(api.put("/v2/images/" + id + "/tags/a%00"), nul);
        assertRefusedPlainly(api.get("/v2/images/" + id + "/members/p%00"), nul);
        assertRefusedPlainly(admin.get("/v2/metadefs/namespaces/ns%00"), nul);
        assertRefusedPlainly(admin.get("/v2/tasks/%00"), nul);
        assertRefusedPlainly(admin.get("/v2/tasks?status=%00"), nul);

        assertRefusedPlainly(api.put("/v2/images/" + id + "/tags/a%01"), "Tag must not contain control characters");
        assertThat(show(people.memberA, target, id).get("tags")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void memberIdsHoldNoControlCharacters(Target target) {
        Api api = Api.at(target.base(), people.memberA);
        String id = createdId(api, "{\"name\": \"" + unique("members") + "\", \"visibility\": \"shared\"}");
        assertRefusedPlainly(api.post("/v2/images/" + id + "/members", "{\"member\": \"p\\u0000\"}"), "Member");
        assertRefusedPlainly(api.post("/v2/images/" + id + "/members", "{\"member\": \"p\\n\"}"), "Member");
        ApiResponse members = api.get("/v2/images/" + id + "/members");
        assertThat(members.json().get("members")).as("%s", members).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void metadefNamesAndTextsHoldNoNul(Target target) {
        Api admin = Api.at(target.base(), people.adminA);
        assertRefusedPlainly(admin.post("/v2/metadefs/namespaces", "{\"namespace\": \"ns\\u0000\"}"), "NUL");
        assertRefusedPlainly(admin.post("/v2/metadefs/namespaces", "{\"namespace\": \"ns\\u0001\"}"), "control");
        assertRefusedPlainly(
                admin.post(
                        "/v2/metadefs/namespaces",
                        "{\"namespace\": \"" + unique("ns") + "\", \"description\": \"a\\u0000\"}"),
                "NUL");
        String namespace = unique("ns");
        ApiResponse created = admin.post(
                "/v2/metadefs/namespaces", Json.write(body("namespace", namespace, "description", "two\nlines")));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String base = "/v2/metadefs/namespaces/" + namespace;
        assertRefusedPlainly(admin.post(base + "/objects", "{\"name\": \"o\\u0000\"}"), "NUL");
        assertRefusedPlainly(
                admin.post(
                        base + "/properties", "{\"name\": \"p\\u0000\", \"title\": \"t\", \"type\":" + " \"string\"}"),
                "NUL");
        assertRefusedPlainly(admin.post(base + "/tags/t%01", null), "control");
        assertRefusedPlainly(admin.post(base + "/tags", "{\"tags\": [{\"name\": \"t\\u0000\"}]}"), "NUL");
        ApiResponse shown = admin.get(base);
        assertThat(shown.json().get("description").asText()).as("%s", shown).isEqualTo("two\nlines");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void importRequestsHoldNoNul(Target target) {
        Api api = Api.at(target.base(), people.memberA);
        String id = createdId(
                api,
                "{\"name\": \"" + unique("import") + "\", \"disk_format\": \"raw\","
                        + " \"container_format\": \"bare\"}");
        assertRefusedPlainly(
                api.post(
                        "/v2/images/" + id + "/import",
                        "{\"method\": {\"name\": \"web-download\"," + " \"uri\": \"http://example.com/\\u0000\"}}"),
                "NUL");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void locationsHoldNoNul(Target target) {
        Api member = Api.at(target.base(), people.memberA);
        Api service = Api.at(target.base(), Persona.of("service", people.projectA, "member", "reader", "service"));
        String source = createdId(
                member,
                "{\"name\": \"" + unique("loc") + "\", \"disk_format\": \"raw\"," + " \"container_format\": \"bare\"}");
        ApiResponse uploaded = member.putBytes(
                "/v2/images/" + source + "/file",
                "application/octet-stream",
                new byte[] {1, 2, 3},
                java.util.Map.of("X-Image-Meta-Store", "mem"));
        assertThat(uploaded.status()).as("%s", uploaded).isEqualTo(204);
        String url = show(people.memberA, target, source)
                .get("locations")
                .get(0)
                .get("url")
                .asText();
        String quotedUrl = Json.write(url);

        String id = createdId(
                member,
                "{\"name\": \"" + unique("loc") + "\", \"disk_format\": \"raw\"," + " \"container_format\": \"bare\"}");
        assertRefusedPlainly(
                member.patch(
                        "/v2/images/" + id,
                        "[{\"op\": \"add\", \"path\": \"/locations/-\"," + " \"value\": {\"url\": " + quotedUrl
                                + ", \"metadata\": {\"k\": \"v\\u0000\"}}}]"),
                "Location must not contain the NUL");
        assertRefusedPlainly(
                member.patch(
                        "/v2/images/" + id,
                        "[{\"op\": \"add\", \"path\": \"/locations/-\"," + " \"value\": {\"url\": " + quotedUrl
                                + ", \"metadata\": {\"k\\u0000\": \"v\"}}}]"),
                "Location key");
        assertRefusedPlainly(
                member.patch(
                        "/v2/images/" + id,
                        "[{\"op\": \"replace\", \"path\": \"/locations\","
                                + " \"value\": [{\"url\": " + quotedUrl.replaceFirst("\"$", "\\\\u0000\"")
                                + ", \"metadata\": {}}]}]"),
                "NUL");
        assertRefusedPlainly(
                service.post(
                        "/v2/images/" + id + "/locations",
                        "{\"url\": " + quotedUrl.replaceFirst("\"$", "\\\\u0000\"") + "}"),
                "Location must not contain the NUL");
        com.fasterxml.jackson.databind.JsonNode image = show(people.memberA, target, id);
        assertThat(image.get("status").asText()).isEqualTo("queued");
        assertThat(image.get("locations")).isEmpty();

        ApiResponse added = member.patch(
                "/v2/images/" + id,
                "[{\"op\": \"add\", \"path\": \"/locations/-\"," + " \"value\": {\"url\": " + quotedUrl
                        + ", \"metadata\": {\"k\": \"two\\nlines\"}}}]");
        assertThat(added.status()).as("a newline is text, not NUL: %s", added).isEqualTo(200);
        assertThat(added.json().get("locations").get(0).get("metadata").get("k").asText())
                .isEqualTo("two\nlines");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void textThatIsNotUnicodeIsRefused(Target target) {
        Api api = Api.at(target.base(), people.memberA);
        assertRefusedPlainly(api.post("/v2/images", "{\"name\": \"a\\ud800b\"}"), "unpaired surrogate");
        assertRefusedPlainly(api.post("/v2/images", "{\"name\": \"n\", \"k\": \"\\udc00\"}"), "unpaired surrogate");
        assertRefusedPlainly(api.post("/v2/images", "{\"name\": \"\\ud800\\ud800\"}"), "unpaired surrogate");
        ApiResponse paired = api.post("/v2/images", "{\"name\": \"n\", \"k\": \"\\ud83d\\ude00\"}");
        assertThat(paired.status())
                .as("a paired surrogate is a character (4-byte, refused as Glance does): %s", paired)
                .isEqualTo(400);
        assertThat(paired.json().get("message").asText()).contains("4 byte");

        byte[] overlongNul = bytes("{\"name\": \"a", new byte[] {(byte) 0xC0, (byte) 0x80}, "b\"}");
        ApiResponse overlong = api.sendBytes("POST", "/v2/images", "application/json", overlongNul);
        assertRefusedPlainly(overlong, "Malformed JSON in request body.");
        byte[] encodedSurrogate = bytes("{\"name\": \"a", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}");
        assertRefusedPlainly(
                api.sendBytes("POST", "/v2/images", "application/json", encodedSurrogate),
                "Malformed JSON in request body.");
        byte[] patchOverlong = bytes(
                "[{\"op\": \"add\", \"path\": \"/k\", \"value\": \"", new byte[] {(byte) 0xC0, (byte) 0x80}, "\"}]");
        String id = createdId(api, "{\"name\": \"" + unique("utf8") + "\"}");
        assertRefusedPlainly(
                api.sendBytes("PATCH", "/v2/images/" + id, Api.JSON_PATCH, patchOverlong),
                "Malformed JSON in request body.");
        assertThat(show(people.memberA, target, id).has("k")).isFalse();

        assertRefusedPlainly(api.get("/v2/images?name=a%C0%80"), "could not be decoded");
        assertRefusedPlainly(api.get("/v2/images/%ED%A0%80"), "could not be decoded");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aNumberBeyondTheParserLimitIsRefusedInTheApisWords(Target target) {
        Api api = Api.at(target.base(), people.memberA);
        ApiResponse response = api.post("/v2/images", "{\"min_disk\": " + "9".repeat(5000) + "}");
        assertRefusedPlainly(response, "Malformed JSON in request body.");
        assertThat(response.json().get("message").asText())
                .contains("numbers of at most 1000 digits")
                .doesNotContain("StreamReadConstraints", "getMaxNumberLength");
    }

    private static com.fasterxml.jackson.databind.JsonNode show(Persona who, Target target, String id) {
        ApiResponse response = Api.at(target.base(), who).get("/v2/images/" + id);
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        return response.json();
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
