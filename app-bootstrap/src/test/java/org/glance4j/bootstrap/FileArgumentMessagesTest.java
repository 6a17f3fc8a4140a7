package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file or folder an operator names (--config, --data-dir, the metadefs folders, the policy and property
 * protection files of the configuration) that is missing or of the wrong kind is reported in words: it does not
 * exist, it is a folder, it is a file; never the bare path.
 */
class FileArgumentMessagesTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int serve(String... args) {
        Main.Started started = Main.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(started.application()).as("no server started").isNull();
        return started.status();
    }

    private int db(String... args) {
        return Main.db(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aMissingConfigFileSaysItDoesNotExist() {
        Path missing = dir.resolve("glance-api.conf");
        assertThat(serve(
                        "serve",
                        "--port",
                        "0",
                        "--data-dir",
                        dir.resolve("data").toString(),
                        "--config",
                        missing.toString()))
                .isEqualTo(1);
        assertThat(err())
                .isEqualTo("glance4j: cannot read the configuration file: " + missing
                        + " does not exist (--config names a glance-api.conf, such as /etc/glance/glance-api.conf)\n");
    }

    @Test
    void aConfigFolderSaysItIsAFolder() {
        assertThat(serve("serve", "--port", "0", "--config", dir.toString())).isEqualTo(1);
        assertThat(err()).contains(dir + " is a folder, not a file");
    }

    @Test
    void aMissingMetadefsFolderSaysItDoesNotExistAndWhereDebianKeepsTheCatalog() {
        Path data = dir.resolve("data");
        assertThat(db("load-metadefs", "/usr/share/glance/metadefs-not-here", "--data-dir", data.toString()))
                .isEqualTo(1);
        assertThat(err())
                .startsWith("glance4j: cannot load metadefs: /usr/share/glance/metadefs-not-here does not"
                        + " exist; Glance's catalog files are in /usr/share/glance-common/metadefs on Debian");
        assertThat(data)
                .as("nothing was created for a command that could not run")
                .doesNotExist();
    }

    @Test
    void anExportFolderThatIsAFileSaysSo() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        assertThat(db(
                        "export-metadefs",
                        file.toString(),
                        "--data-dir",
                        dir.resolve("data").toString()))
                .isEqualTo(1);
        assertThat(err()).contains("cannot export metadefs: " + file + " is a file, not a folder");
    }

    @Test
    void aDataDirUnderAFileSaysAPartOfThePathIsAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        Path data = file.resolve("data");
        assertThat(serve("serve", "--port", "0", "--data-dir", data.toString())).isEqualTo(1);
        assertThat(err())
                .contains("cannot create the data directory (--data-dir): " + data
                        + " cannot be a folder: a part of that path is a file")
                .doesNotContain("Exception");
        assertThat(db("load-metadefs", dir.toString(), "--data-dir", data.toString()))
                .isEqualTo(1);
        assertThat(err()).contains("cannot create the data directory (--data-dir): " + data);
    }

    @Test
    void missingPolicyAndPropertyProtectionFilesSayTheyDoNotExist() throws Exception {
        Path policyConf = Files.writeString(
                dir.resolve("policy.conf"), "[oslo_policy]\npolicy_file = " + dir.resolve("nope.yaml") + "\n");
        assertThat(serve(
                        "serve",
                        "--port",
                        "0",
                        "--data-dir",
                        dir.resolve("d1").toString(),
                        "--config",
                        policyConf.toString()))
                .isEqualTo(1);
        assertThat(err())
                .contains(
                        "the policy file ([oslo_policy] policy_file): " + dir.resolve("nope.yaml") + " does not exist");
        Path protectionConf = Files.writeString(
                dir.resolve("protection.conf"), "[DEFAULT]\nproperty_protection_file = " + dir + "\n");
        assertThat(serve(
                        "serve",
                        "--port",
                        "0",
                        "--data-dir",
                        dir.resolve("d2").toString(),
                        "--config",
                        protectionConf.toString()))
                .isEqualTo(1);
        assertThat(err())
                .contains("the property protection file ([DEFAULT] property_protection_file): " + dir
                        + " is a folder, not a file");
    }
}
