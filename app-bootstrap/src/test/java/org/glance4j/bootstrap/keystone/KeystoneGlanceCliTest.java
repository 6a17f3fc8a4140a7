package org.glance4j.bootstrap.keystone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glance4j.bootstrap.data.GlanceCommand;
import org.glance4j.bootstrap.data.GlanceCommand.Run;
import org.glance4j.ports.testing.RequiredTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real client the way a cloud user runs it: Debian's {@code glance} command (python3-glanceclient) with
 * password authentication only ({@code --os-auth-url}, {@code --os-username}, ...). It gets a token from Keystone,
 * finds glance4j as the {@code image} service in Keystone's catalog, and glance4j validates that token against the
 * same Keystone.
 */
@ExtendWith(KeystoneServer.class)
class KeystoneGlanceCliTest {
    private static final Pattern ID_ROW = Pattern.compile("\\|\\s*id\\s*\\|\\s*([0-9a-f-]{36})\\s*\\|");

    @Test
    void theGlanceCommandFindsGlance4jInTheCatalogAndWorksWithAKeystoneToken(@TempDir Path dir) throws Exception {
        Path glance = RequiredTool.program("glance", "python3-glanceclient");
        KeystoneServer.Running keystone = KeystoneServer.get();
        try (KeystoneGlance server = KeystoneGlance.start(dir.resolve("glance"), keystone.url())) {
            keystone.registerImageService(server.base.toString());
            Path image = dir.resolve("image.raw");
            byte[] bytes = new byte[123_457];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (i * 31);
            }
            Files.write(image, bytes);

            Run created = run(
                    glance,
                    keystone,
                    dir,
                    "image-create",
                    "--name",
                    "through-the-catalog",
                    "--disk-format",
                    "raw",
                    "--container-format",
                    "bare",
                    "--file",
                    image.toString());
            assertThat(created.status())
                    .as("image-create:%n%s", created.output())
                    .isZero();
            Matcher id = ID_ROW.matcher(created.output());
            assertThat(id.find()).as("an id row in:%n%s", created.output()).isTrue();
            String imageId = id.group(1);
            assertThat(created.output()).contains(keystone.projectId("demo"));

            Run listed = run(glance, keystone, dir, "image-list");
            assertThat(listed.status()).as("image-list:%n%s", listed.output()).isZero();
            assertThat(listed.output()).contains(imageId);

            Path downloaded = dir.resolve("downloaded.raw");
            Run download = run(glance, keystone, dir, "image-download", "--file", downloaded.toString(), imageId);
            assertThat(download.status())
                    .as("image-download:%n%s", download.output())
                    .isZero();
            assertThat(Files.mismatch(downloaded, image)).isEqualTo(-1L);

            Run deleted = run(glance, keystone, dir, "image-delete", imageId);
            assertThat(deleted.status())
                    .as("image-delete:%n%s", deleted.output())
                    .isZero();
            String token = keystone.token("demo-member", "demo");
            assertThat(server.call("GET", "/v2/images/" + imageId, token, null).status())
                    .isEqualTo(404);
        }
    }

    private static Run run(Path glance, KeystoneServer.Running keystone, Path home, String... command)
            throws Exception {
        return new GlanceCommand(
                        glance,
                        List.of(
                                "--os-auth-url",
                                keystone.url() + "/v3",
                                "--os-username",
                                "demo-member",
                                "--os-password",
                                KeystoneServer.Running.password("demo-member"),
                                "--os-project-name",
                                "demo",
                                "--os-user-domain-id",
                                "default",
                                "--os-project-domain-id",
                                "default",
                                "--os-region-name",
                                "RegionOne",
                                "--os-image-api-version",
                                "2"),
                        home)
                .run(command);
    }
}
