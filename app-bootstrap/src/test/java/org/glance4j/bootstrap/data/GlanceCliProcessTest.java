package org.glance4j.bootstrap.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glance4j.bootstrap.data.GlanceCommand.Run;
import org.glance4j.ports.testing.RequiredTool;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real client: Debian's {@code glance} command (python3-glanceclient) against the runnable jar in noauth mode.
 * Given an endpoint ({@code --os-image-url}) and a token ({@code --os-auth-token}), glanceclient talks to the image
 * service directly and never asks Keystone; noauth does not look at the token.
 */
class GlanceCliProcessTest {

    private static final long SIZE = 3L * 1024 * 1024 + 11;
    private static final Pattern ID_ROW = Pattern.compile("\\|\\s*id\\s*\\|\\s*([0-9a-f-]{36})\\s*\\|");

    @Test
    void createListDownloadAndDeleteWithTheGlanceCommand(@TempDir Path dir) throws Exception {
        Path glance = findGlance();
        Path image = dir.resolve("cirros.raw");
        try (InputStream bytes = GeneratedBytes.of(SIZE, 42)) {
            Files.copy(bytes, image);
        }
        String md5 = DataApi.md5(SIZE, 42);

        try (ServerProcess server = ServerProcess.startReady(dir.resolve("data"), dir.resolve("server.log"), 0)) {
            String url = server.baseUri().toString().replaceAll("/$", "");
            GlanceCommand cli = new GlanceCommand(
                    glance,
                    List.of(
                            "--os-image-url",
                            url,
                            "--os-auth-token",
                            "unused-in-noauth",
                            "--os-image-api-version",
                            "2"),
                    dir);

            Run created = cli.run(
                    "image-create",
                    "--name",
                    "cli-image",
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
            assertThat(row(created.output(), "checksum")).isEqualTo(md5);
            assertThat(row(created.output(), "status")).isEqualTo("active");
            assertThat(row(created.output(), "size")).isEqualTo(String.valueOf(SIZE));
            assertThat(row(created.output(), "disk_format")).isEqualTo("raw");
            assertThat(row(created.output(), "container_format")).isEqualTo("bare");

            Run listed = cli.run("image-list");
            assertThat(listed.status()).as("image-list:%n%s", listed.output()).isZero();
            assertThat(listed.output()).contains(imageId).contains("cli-image");

            Path downloaded = dir.resolve("downloaded.raw");
            Run download = cli.run("image-download", "--file", downloaded.toString(), imageId);
            assertThat(download.status())
                    .as("image-download:%n%s", download.output())
                    .isZero();
            assertThat(Files.size(downloaded)).isEqualTo(SIZE);
            assertThat(Files.mismatch(downloaded, image))
                    .as("first differing byte")
                    .isEqualTo(-1L);

            Run shown = cli.run("image-show", imageId);
            assertThat(shown.status()).as("image-show:%n%s", shown.output()).isZero();
            assertThat(row(shown.output(), "checksum")).isEqualTo(md5);
            assertThat(row(shown.output(), "os_hash_algo")).isEqualTo("sha512");

            Run deleted = cli.run("image-delete", imageId);
            assertThat(deleted.status())
                    .as("image-delete:%n%s", deleted.output())
                    .isZero();
            Run gone = cli.run("image-show", imageId);
            assertThat(gone.status())
                    .as("image-show after delete:%n%s", gone.output())
                    .isNotZero();
            assertThat(gone.output()).contains("404 Not Found").contains(imageId);
            assertThat(new DataApi(server.baseUri()).downloadStatus(imageId)).isEqualTo(404);
            try (var files = Files.list(dir.resolve("data/images"))) {
                assertThat(files).as("the deleted image's file").isEmpty();
            }
        }
    }

    /** The value of a row of glanceclient's property table. */
    private static String row(String table, String name) {
        Matcher row = Pattern.compile("\\|\\s*" + Pattern.quote(name) + "\\s*\\|\\s*(\\S*)\\s*\\|")
                .matcher(table);
        assertThat(row.find()).as("a %s row in:%n%s", name, table).isTrue();
        return row.group(1);
    }

    private static Path findGlance() {
        return RequiredTool.program("glance", "python3-glanceclient");
    }
}
