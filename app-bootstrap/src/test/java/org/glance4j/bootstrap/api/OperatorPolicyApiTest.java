package org.glance4j.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glance4j.bootstrap.GlanceApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's {@code policy.yaml} and property protection file, on a second server this class starts with its
 * own configuration: one changed rule changes exactly the cells that rule decides, and protected properties are
 * created, read, updated and deleted only by the roles the file names.
 */
@Tag(ImageDataExtrasApiTest.GLANCE4J_EXTRA)
class OperatorPolicyApiTest extends ApiTestSupport {

    @TempDir
    static Path dir;

    private static GlanceApplication server;
    private static URI base;

    @BeforeAll
    static void startServerWithOperatorFiles() throws IOException {
        assumeThat(ApiTarget.isExternal()).as("starts its own glance4j server").isFalse();
        Files.writeString(
                dir.resolve("policy.yaml"),
                String.join(
                        "\n",
                        "# only an admin withdraws an image from a project",
                        "delete_member: \"rule:context_is_admin\"",
                        ""));
        Files.writeString(
                dir.resolve("protections.conf"),
                String.join(
                        "\n",
                        "[^x_billing_.*]",
                        "create = admin",
                        "read = admin,member",
                        "update = admin",
                        "delete = admin",
                        "",
                        "[.*]",
                        "create = @",
                        "read = @",
                        "update = @",
                        "delete = @",
                        ""));
        Files.writeString(
                dir.resolve("glance-api.conf"),
                String.join("\n", "[DEFAULT]", "property_protection_file = protections.conf", ""));
        server = GlanceApplication.start(List.of(
                "--bind",
                "127.0.0.1",
                "--port",
                "0",
                "--data-dir",
                dir.resolve("data").toString(),
                "--auth",
                "trusted-headers",
                "--config",
                dir.resolve("glance-api.conf").toString()));
        base = URI.create("http://127.0.0.1:" + server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void oneChangedRuleChangesExactlyItsCell() {
        Map<String, Map<String, List<Integer>>> defaults = MemberPersonaMatrixApiTest.expectedTable();
        Map<String, Map<String, List<Integer>>> actual = new MemberMatrix(base, people).table();

        List<String> changed = new ArrayList<>();
        actual.forEach((persona, rows) -> rows.forEach((visibility, statuses) -> {
            for (int i = 0; i < statuses.size(); i++) {
                int expected = defaults.get(persona).get(visibility).get(i);
                if (statuses.get(i) != expected) {
                    changed.add(persona + " / " + visibility + " / " + MemberMatrix.OPERATIONS.get(i) + ": " + expected
                            + " -> " + statuses.get(i));
                }
            }
        }));

        assertThat(changed).containsExactly("member of A / shared / remove: 204 -> 403");
    }

    @Test
    void protectedPropertiesFollowTheRolesOfTheFile() {
        Api admin = Api.at(base, people.adminA);
        Api member = Api.at(base, people.memberA);
        Api reader = Api.at(base, people.readerA);

        ApiResponse refused = member.post("/v2/images", body("name", unique("p"), "x_billing_code", "42"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("message").asText()).contains("Attribute 'x_billing_code' is reserved.");

        ApiResponse created =
                admin.post("/v2/images", body("name", unique("p"), "x_billing_code", "42", "color", "blue"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String id = created.json().get("id").asText();

        assertThat(member.get("/v2/images/" + id).json().get("x_billing_code").asText())
                .isEqualTo("42");
        assertThat(reader.get("/v2/images/" + id).json().has("x_billing_code")).isFalse();
        assertThat(reader.get("/v2/images/" + id).json().get("color").asText()).isEqualTo("blue");

        ApiResponse update = member.patch("/v2/images/" + id, List.of(op("replace", "/x_billing_code", "43")));
        assertThat(update.status()).isEqualTo(403);
        ApiResponse remove = member.patch("/v2/images/" + id, List.of(remove("/x_billing_code")));
        assertThat(remove.status()).isEqualTo(403);
        ApiResponse open = member.patch("/v2/images/" + id, List.of(op("replace", "/color", "red")));
        assertThat(open.status()).as("%s", open).isEqualTo(200);
        assertThat(open.json().get("x_billing_code").asText()).isEqualTo("42");

        assertThat(admin.patch("/v2/images/" + id, List.of(op("replace", "/x_billing_code", "44")))
                        .status())
                .isEqualTo(200);
        assertThat(admin.get("/v2/images/" + id).json().get("x_billing_code").asText())
                .isEqualTo("44");
    }
}
