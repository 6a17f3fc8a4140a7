package org.glance4j.bootstrap.tus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.glance4j.ports.testing.RequiredTool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second real tus client, tuspy (Debian's python3-tuspy 1.0.0), against the real server: a 1 GiB upload whose
 * connection is cut twice midway, which tuspy resumes by itself (HEAD, then PATCH from the offset; every chunk with
 * {@code Upload-Checksum: sha1}), and a 1 GiB image sent as four partials in parallel and a final concatenating them.
 * The script generates the bytes as it sends them and prints their md5 and sha512, which the image and its
 * download must have.
 */
class TuspyClientTest {
    private static final long SIZE = 1L << 30;
    private static final long MIB = 1L << 20;
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static TusApi api;
    private static Path script;

    @BeforeAll
    static void start() throws IOException {
        RequiredTool.require(
                "tuspy for Debian's python3",
                "python3-tuspy",
                PYTHON.toString(),
                "/usr/lib/python3/dist-packages/tusclient/client.py");
        script = dir.resolve("tuspy_upload.py");
        try (InputStream in = TuspyClientTest.class.getResourceAsStream("/tus/tuspy_upload.py")) {
            Files.copy(in, script);
        }
        api = new TusApi(dir);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void a1GiBUploadCutTwiceIsResumedByTuspyAndEndsActive() throws Exception {
        String id = api.createImage("tuspy-resumed");
        JsonNode sent;
        try (CuttingRelay relay = new CuttingRelay(api.port(), 300 * MIB, 700 * MIB)) {
            sent = run("resume", TusApi.tusUrl(relay.port(), id).toString(), SIZE, 51);
            assertThat(relay.cutsDone()).isEqualTo(2);
        }
        api.assertActive(id, SIZE, sent.get("md5").asText(), sent.get("sha512").asText());
    }

    @Test
    void fourParallelPartialsFromTuspyConcatenatedMakeA1GiBImage() throws Exception {
        String id = api.createImage("tuspy-concatenated");
        JsonNode sent = run("concat", TusApi.tusUrl(api.port(), id).toString(), SIZE, 52, "4");
        api.assertActive(id, SIZE, sent.get("md5").asText(), sent.get("sha512").asText());
    }

    /** Runs the script to its end (at most ten minutes) and reads the JSON of its last line. */
    private static JsonNode run(String mode, String url, long size, long seed, String... more) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(PYTHON.toString(), script.toString(), mode, url, Long.toString(size), Long.toString(seed)));
        command.addAll(List.of(more));
        Path output = dir.resolve(mode + ".out");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean ended = process.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(ended).as("tuspy ended within ten minutes: " + printed).isTrue();
        assertThat(process.exitValue()).as(printed).isZero();
        String[] lines = printed.strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }
}
