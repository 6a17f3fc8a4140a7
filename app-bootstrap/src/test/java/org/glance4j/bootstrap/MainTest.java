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

/** The command line's exit statuses and messages, without starting a server. */
class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Main.Started run(String... args) {
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpPrintsUsageAndSucceeds() {
        for (String[] args : new String[][] {{"--help"}, {"serve", "--help"}, {"serve", "-h"}}) {
            out.reset();
            Main.Started started = run(args);
            assertThat(started.status()).isZero();
            assertThat(started.application()).isNull();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: glance4j serve")
                    .contains("--data-dir DIR").contains("--insecure-noauth");
        }
    }

    @Test
    void aMissingOrUnknownCommandIsAUsageError() {
        assertThat(run().status()).isEqualTo(2);
        assertThat(err()).contains("missing command").contains("Usage:");
        assertThat(run("start").status()).isEqualTo(2);
        assertThat(err()).contains("unknown command 'start'");
    }

    @Test
    void aBadFlagIsAUsageErrorThatSaysWhy() {
        Main.Started started = run("serve", "--port", "http");
        assertThat(started.status()).isEqualTo(2);
        assertThat(err()).contains("glance4j: --port must be a number from 0 to 65535, not 'http'")
                .contains("glance4j serve --help");
    }

    @Test
    void noauthOnAPublicAddressIsRefusedWithExitStatusTwo(@TempDir Path dir) {
        Main.Started started = run("serve", "--bind", "0.0.0.0", "--port", "0", "--data-dir", dir.toString());
        assertThat(started.status()).isEqualTo(2);
        assertThat(started.application()).isNull();
        assertThat(err()).contains("refusing to serve without authentication (noauth) on 0.0.0.0");
    }

    @Test
    void aBadConfigurationValueFailsTheStartAndNamesTheOption(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("glance-api.conf");
        Files.writeString(conf, "[DEFAULT]\napi_limit_max = lots\n");
        Main.Started started = run("serve", "--port", "0", "--data-dir", dir.resolve("data").toString(),
                "--config", conf.toString());
        assertThat(started.status()).isEqualTo(1);
        assertThat(err()).contains("invalid value for [DEFAULT] api_limit_max (" + conf + ", line 2): 'lots'");
        assertThat(dir.resolve("data")).doesNotExist();
    }
}
