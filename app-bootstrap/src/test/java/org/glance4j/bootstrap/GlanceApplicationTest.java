package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParameterException;

/** Starts the whole server in this JVM on an ephemeral port. */
class GlanceApplicationTest {

    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (records) {
                records.add(record);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final Logger logger = Logger.getLogger(GlanceApplication.class.getName());

    @BeforeEach
    void captureLogs() {
        logger.addHandler(capture);
    }

    @AfterEach
    void releaseLogs() {
        logger.removeHandler(capture);
    }

    private List<String> messages() {
        synchronized (records) {
            return records.stream()
                    .map(r -> new java.util.logging.SimpleFormatter().formatMessage(r))
                    .toList();
        }
    }

    @Test
    void startsOnAFreePortAnswersVersionsAndCreatesTheDataDir(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("nested/data");
        try (GlanceApplication app =
                GlanceApplication.start(List.of("--port", "0", "--data-dir", dataDir.toString()))) {
            assertThat(app.port()).isPositive();
            assertThat(app.baseUri()).isEqualTo(URI.create("http://127.0.0.1:" + app.port() + "/"));
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(app.baseUri().resolve("versions"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Files.isDirectory(dataDir)).isTrue();
            assertThat(messages())
                    .contains("glance4j listening on http://127.0.0.1:" + app.port()
                            + " (auth noauth, database jdbc:sqlite:" + dataDir.resolve("glance.sqlite") + ")");
        }
    }

    @Test
    void closingStopsHttpAndCanBeRepeated(@TempDir Path dir) throws Exception {
        GlanceApplication app = GlanceApplication.start(List.of("serve", "--port", "0", "--data-dir", dir.toString()));
        URI versions = app.baseUri().resolve("versions");
        app.close();
        app.close();
        assertThatThrownBy(() -> HttpClient.newHttpClient()
                        .send(HttpRequest.newBuilder(versions).build(), HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(java.io.IOException.class);
        assertThat(messages()).filteredOn(m -> m.equals("glance4j stopped")).hasSize(1);
    }

    @Test
    void logsTheIgnoredOptionsOnceInOneLine(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("glance-api.conf");
        Files.writeString(conf, "[DEFAULT]\nimage_tag_quot = 5\ndebug = true\n[oslo_policy]\nenforce_scope = false\n");
        try (GlanceApplication app = GlanceApplication.start(
                List.of("--port", "0", "--data-dir", dir.resolve("data").toString(), "--config", conf.toString()))) {
            assertThat(messages())
                    .filteredOn(m -> m.contains("ignored"))
                    .containsExactly("configuration options ignored by glance4j (3): "
                            + "[DEFAULT] image_tag_quot (did you mean [DEFAULT] image_tag_quota?), [DEFAULT] debug, "
                            + "[oslo_policy] enforce_scope (not supported yet)");
        }
    }

    @Test
    void refusesHelpAndBadFlagsWithoutStartingAnything(@TempDir Path dir) {
        assertThatThrownBy(() -> GlanceApplication.start(List.of("--help")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--help is for the command line");
        assertThatThrownBy(() -> GlanceApplication.start(List.of("--port", "x", "--data-dir", dir.toString())))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("--port");
    }

    @Test
    void aPortInUseFailsTheStartWithAClearMessage(@TempDir Path dir) throws Exception {
        try (GlanceApplication first = GlanceApplication.start(
                List.of("--port", "0", "--data-dir", dir.resolve("a").toString()))) {
            assertThatThrownBy(() -> GlanceApplication.start(List.of(
                            "--port",
                            String.valueOf(first.port()),
                            "--data-dir",
                            dir.resolve("b").toString())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("cannot start the HTTP server on 127.0.0.1:" + first.port());
        }
    }
}
