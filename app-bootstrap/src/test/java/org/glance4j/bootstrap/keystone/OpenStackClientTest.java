package org.glance4j.bootstrap.keystone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.glance4j.ports.testing.RequiredTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's {@code openstack} command (python3-openstackclient) the way a cloud user runs it: password
 * authentication through {@code OS_*} variables only. It gets a token from Keystone, finds glance4j as the
 * {@code image} service in the catalog, and glance4j validates that token against the same Keystone.
 */
@ExtendWith(KeystoneServer.class)
class OpenStackClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theOpenstackCommandCreatesListsSavesAndDeletesAnImageThroughTheCatalog(@TempDir Path dir) throws Exception {
        Path openstack = RequiredTool.program("openstack", "python3-openstackclient");
        KeystoneServer.Running keystone = KeystoneServer.get();
        try (KeystoneGlance server = KeystoneGlance.start(dir.resolve("glance"), keystone.url())) {
            keystone.registerImageService(server.base.toString());
            OpenStackCommand client = new OpenStackCommand(
                    openstack, OpenStackCommand.password(keystone.url(), "demo-member", "demo"), dir);
            Path image = dir.resolve("image.raw");
            String md5 = OpenStack4jClientTest.writePattern(image, 1024 * 1024 + 3);

            OpenStackCommand.Run created = client.run(
                    "image",
                    "create",
                    "--file",
                    image.toString(),
                    "--disk-format",
                    "raw",
                    "--container-format",
                    "bare",
                    "--private",
                    "-f",
                    "json",
                    "from-openstackclient");
            assertThat(created.status()).as("image create: %s", created).isZero();
            JsonNode shown = JSON.readTree(created.output());
            String id = shown.path("id").asText();
            assertThat(id).as("image create: %s", created).hasSize(36);
            assertThat(shown.path("owner").asText()).isEqualTo(keystone.projectId("demo"));

            OpenStackCommand.Run listed = client.run("image", "list", "-f", "json");
            assertThat(listed.status()).as("image list: %s", listed).isZero();
            JsonNode rows = JSON.readTree(listed.output());
            JsonNode row = null;
            for (JsonNode candidate : rows) {
                if (candidate.path("ID").asText().equals(id)) {
                    row = candidate;
                }
            }
            assertThat(row).as("the new image in: %s", listed.output()).isNotNull();
            assertThat(row.path("Name").asText()).isEqualTo("from-openstackclient");
            assertThat(row.path("Status").asText()).isEqualTo("active");

            OpenStackCommand.Run detail = client.run("image", "show", "-f", "json", id);
            assertThat(detail.status()).as("image show: %s", detail).isZero();
            assertThat(JSON.readTree(detail.output()).path("checksum").asText()).isEqualTo(md5);
            assertThat(JSON.readTree(detail.output()).path("size").asLong()).isEqualTo(Files.size(image));

            Path saved = dir.resolve("saved.raw");
            OpenStackCommand.Run save = client.run("image", "save", "--file", saved.toString(), id);
            assertThat(save.status()).as("image save: %s", save).isZero();
            assertThat(Files.mismatch(saved, image)).isEqualTo(-1L);

            OpenStackCommand.Run deleted = client.run("image", "delete", id);
            assertThat(deleted.status()).as("image delete: %s", deleted).isZero();
            OpenStackCommand.Run gone = client.run("image", "show", id);
            assertThat(gone.status()).as("image show after delete: %s", gone).isNotZero();
            assertThat(server.call("GET", "/v2/images/" + id, keystone.token("demo-member", "demo"), null)
                            .status())
                    .isEqualTo(404);
        }
    }
}
