package org.glance4j.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.glance4j.ports.testing.RequiredTool;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real client, curl, states the checksums of what it sends (RFC 9530 {@code Repr-Digest}, RFC 3230
 * {@code Digest}) to the real server: a wrong one is 400 naming both values and leaves the image queued (upload)
 * or queued again (stage), a right one is accepted, and {@code Want-Repr-Digest} on the download gets the
 * {@code Repr-Digest} of the recorded sha512. Skipped without curl, except under {@code CI=true}.
 */
@Tag(ImageDataExtrasApiTest.GLANCE4J_EXTRA)
class StatedChecksumCurlApiTest extends ImageDataSupport {
    private final byte[] data = bytes(300_000, 11);

    @TempDir
    Path dir;

    /** Runs curl as {@code who}; returns the status line code, the headers and the body. */
    private String[] curl(Persona who, String method, String path, Path upload, String... headers)
            throws IOException, InterruptedException {
        Path out = dir.resolve("body-" + System.nanoTime());
        Path head = dir.resolve("head-" + System.nanoTime());
        List<String> command = new ArrayList<>(List.of(
                "curl",
                "-sS",
                "-X",
                method,
                "-o",
                out.toString(),
                "-D",
                head.toString(),
                "-w",
                "%{http_code}",
                "-H",
                "Accept: application/json",
                "-H",
                "X-Identity-Status: Confirmed",
                "-H",
                "X-User-Id: " + who.userId(),
                "-H",
                "X-Project-Id: " + who.projectId(),
                "-H",
                "X-Roles: " + String.join(",", who.roles())));
        if (upload != null) {
            command.addAll(List.of("-H", "Content-Type: application/octet-stream", "--data-binary", "@" + upload));
        }
        for (String header : headers) {
            command.addAll(List.of("-H", header));
        }
        command.add(ApiTarget.baseUri() + path);
        command.set(0, RequiredTool.program("curl", "curl").toString());
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String code = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return new String[] {
            code,
            Files.readString(head, StandardCharsets.ISO_8859_1),
            Files.exists(out) ? Files.readString(out, StandardCharsets.ISO_8859_1) : ""
        };
    }

    private static String b64(String algorithm, byte[] bytes) throws Exception {
        return Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance(algorithm).digest(bytes));
    }

    private static String status(Persona who, String id) {
        return Api.as(who)
                .get("/v2/images/" + id, Map.of())
                .json()
                .get("status")
                .asText();
    }

    @Test
    void aWrongReprDigestIs400WithBothValuesAndTheRightOneIsAccepted() throws Exception {
        Path file = dir.resolve("image.raw");
        Files.write(file, data);
        String id = queuedImage(people.memberA, "private");
        String right = b64("SHA-256", data);
        String wrong = b64("SHA-256", new byte[] {1});

        String[] refused =
                curl(people.memberA, "PUT", "/v2/images/" + id + "/file", file, "Repr-Digest: sha-256=:" + wrong + ":");
        assertThat(refused[0]).isEqualTo("400");
        assertThat(refused[2])
                .contains("Repr-Digest states sha-256=:" + wrong + ":")
                .contains("received has sha-256=:" + right + ":");
        assertThat(status(people.memberA, id)).isEqualTo("queued");

        String[] accepted = curl(
                people.memberA,
                "PUT",
                "/v2/images/" + id + "/file",
                file,
                "Repr-Digest: sha-256=:" + right + ":",
                "Digest: MD5=" + b64("MD5", data));
        assertThat(accepted[0]).as(accepted[2]).isEqualTo("204");
        assertThat(status(people.memberA, id)).isEqualTo("active");

        String[] downloaded =
                curl(people.memberA, "GET", "/v2/images/" + id + "/file", null, "Want-Repr-Digest: sha-512=5");
        assertThat(downloaded[0]).isEqualTo("200");
        assertThat(downloaded[1]).containsIgnoringCase("Repr-Digest: sha-512=:" + b64("SHA-512", data) + ":");
        assertThat(downloaded[2].getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(data);
    }

    @Test
    void aWrongDigestOnStageQueuesTheImageAgain() throws Exception {
        Path file = dir.resolve("staged.raw");
        Files.write(file, data);
        String id = queuedImage(people.memberA, "private");
        String wrong = b64("MD5", new byte[] {2});

        String[] refused = curl(people.memberA, "PUT", "/v2/images/" + id + "/stage", file, "Content-MD5: " + wrong);
        assertThat(refused[0]).isEqualTo("400");
        assertThat(refused[2])
                .contains("Content-MD5 states " + wrong + " but the data received has " + b64("MD5", data));
        assertThat(status(people.memberA, id)).isEqualTo("queued");

        String[] staged =
                curl(people.memberA, "PUT", "/v2/images/" + id + "/stage", file, "Content-MD5: " + b64("MD5", data));
        assertThat(staged[0]).as(staged[2]).isEqualTo("204");
        assertThat(status(people.memberA, id)).isEqualTo("uploading");
    }
}
