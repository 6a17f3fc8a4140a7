package org.glance4j.bootstrap.tus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tus.java.client.ProtocolException;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.glance4j.bootstrap.GlanceApplication;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real tus client (tus-java-client 0.5.0) against the real server (SQLite, file store, part files in the staging
 * directory): a 1 GiB image whose connection is cut twice midway and resumed, and a 1 GiB image sent as four
 * partial uploads in parallel and concatenated by a final one. The bytes are generated and streamed, never held in
 * memory; the image's checksums and a download's md5 must match them.
 */
class TusJavaClientTest {
    static final long SIZE = 1L << 30;
    static final long MIB = 1L << 20;
    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static GlanceApplication app;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        app = GlanceApplication.start(
                List.of("--port", "0", "--data-dir", dir.resolve("data").toString()));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void a1GiBUploadCutTwiceResumesWhereTheServerGotToAndEndsActive() throws Exception {
        long seed = 41;
        String id = createImage("resumed");
        List<Long> resumedAt = new ArrayList<>();
        try (CuttingRelay relay = new CuttingRelay(app.port(), 300 * MIB, 700 * MIB)) {
            TusClient client = new TusClient();
            client.setUploadCreationURL(tusUrl(relay.port(), id));
            client.enableResuming(new TusURLMemoryStore());
            boolean finished = false;
            for (int attempt = 0; attempt < 20 && !finished; attempt++) {
                TusUpload upload = new TusUpload();
                upload.setSize(SIZE);
                upload.setInputStream(GeneratedBytes.of(SIZE, seed));
                upload.setFingerprint(id);
                upload.setMetadata(Map.of("filename", "disk.img"));
                try {
                    TusUploader uploader = client.resumeOrCreateUpload(upload);
                    if (attempt > 0) {
                        resumedAt.add(uploader.getOffset());
                    }
                    uploader.setChunkSize((int) MIB);
                    uploader.setRequestPayloadSize((int) (64 * MIB));
                    while (uploader.uploadChunk() > -1) {
                        // each chunk goes out on the current PATCH
                    }
                    uploader.finish();
                    finished = true;
                } catch (IOException | ProtocolException e) {
                    // the relay cut the connection (or a resume met the broken PATCH still finishing): resume
                }
            }
            assertThat(finished).as("the upload finished").isTrue();
            assertThat(relay.cutsDone()).isEqualTo(2);
        }
        assertThat(resumedAt)
                .as("resumed from what the server kept, not from 0")
                .isNotEmpty();
        assertThat(resumedAt.get(0)).isGreaterThan(200 * MIB);
        assertThat(resumedAt.get(resumedAt.size() - 1)).isGreaterThan(600 * MIB);
        assertActiveWithTheBytesOf(id, seed);
    }

    @Test
    void fourParallelPartialsConcatenatedByAFinalMakeA1GiBImage() throws Exception {
        long seed = 42;
        String id = createImage("concatenated");
        long part = SIZE / 4;
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<String> partUrls = new ArrayList<>();
        try {
            List<Future<URL>> uploads = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                long from = i * part;
                uploads.add(threads.submit(() -> uploadPartial(id, slice(seed, from, part), part)));
            }
            for (Future<URL> upload : uploads) {
                partUrls.add(upload.get(WAIT.toSeconds(), TimeUnit.SECONDS).toString());
            }
        } finally {
            threads.shutdownNow();
        }

        HttpResponse<String> created = HTTP.send(
                HttpRequest.newBuilder(tusUrl(app.port(), id).toURI())
                        .timeout(WAIT)
                        .header("Tus-Resumable", "1.0.0")
                        .header("Upload-Concat", "final;" + String.join(" ", partUrls))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertActiveWithTheBytesOf(id, seed);
    }

    private static URL uploadPartial(String imageId, InputStream bytes, long size) throws Exception {
        TusClient client = new TusClient();
        client.setUploadCreationURL(tusUrl(app.port(), imageId));
        client.setHeaders(Map.of("Upload-Concat", "partial"));
        TusUpload upload = new TusUpload();
        upload.setSize(size);
        upload.setInputStream(bytes);
        TusUploader uploader = client.createUpload(upload);
        uploader.setChunkSize((int) MIB);
        uploader.setRequestPayloadSize((int) (64 * MIB));
        while (uploader.uploadChunk() > -1) {
            // on
        }
        uploader.finish();
        return uploader.getUploadURL();
    }

    /** The bytes {@code from} to {@code from + length} of the generated image. */
    static InputStream slice(long seed, long from, long length) throws IOException {
        InputStream all = GeneratedBytes.of(SIZE, seed);
        all.skipNBytes(from);
        return new InputStream() {
            private long left = length;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = all.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        };
    }

    static URL tusUrl(int port, String imageId) throws Exception {
        return URI.create("http://127.0.0.1:" + port + "/v2/images/" + imageId + "/tus")
                .toURL();
    }

    static String createImage(String name) throws Exception {
        HttpResponse<String> created = HTTP.send(
                HttpRequest.newBuilder(app.baseUri().resolve("v2/images"))
                        .timeout(WAIT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + name
                                + "\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asText();
    }

    /** The image is active with the size and checksums of the generated bytes, and downloads them. */
    static void assertActiveWithTheBytesOf(String id, long seed) throws Exception {
        String[] expected = digests(GeneratedBytes.of(SIZE, seed));
        JsonNode image = JSON.readTree(HTTP.send(
                        HttpRequest.newBuilder(app.baseUri().resolve("v2/images/" + id))
                                .timeout(WAIT)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        assertThat(image.get("status").asText()).isEqualTo("active");
        assertThat(image.get("size").asLong()).isEqualTo(SIZE);
        assertThat(image.get("checksum").asText()).isEqualTo(expected[0]);
        assertThat(image.get("os_hash_algo").asText()).isEqualTo("sha512");
        assertThat(image.get("os_hash_value").asText()).isEqualTo(expected[1]);
        HttpResponse<InputStream> download = HTTP.send(
                HttpRequest.newBuilder(app.baseUri().resolve("v2/images/" + id + "/file"))
                        .timeout(WAIT)
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(download.statusCode()).isEqualTo(200);
        try (InputStream body = download.body()) {
            assertThat(digests(body)[0]).as("md5 of the downloaded bytes").isEqualTo(expected[0]);
        }
    }

    /** md5 and sha512 of a stream, in hex. */
    static String[] digests(InputStream in) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
        byte[] buffer = new byte[1 << 20];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                md5.update(buffer, 0, n);
                sha512.update(buffer, 0, n);
            }
        }
        return new String[] {
            HexFormat.of().formatHex(md5.digest()), HexFormat.of().formatHex(sha512.digest())
        };
    }
}
