package org.glance4j.bootstrap.tus;

import static org.assertj.core.api.Assertions.assertThat;

import io.tus.java.client.ProtocolException;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

    @TempDir
    static Path dir;

    private static TusApi api;

    @BeforeAll
    static void start() {
        api = new TusApi(dir);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void a1GiBUploadCutTwiceResumesWhereTheServerGotToAndEndsActive() throws Exception {
        long seed = 41;
        String id = api.createImage("resumed");
        List<Long> resumedAt = new ArrayList<>();
        try (CuttingRelay relay = new CuttingRelay(api.port(), 300 * MIB, 700 * MIB)) {
            TusClient client = new TusClient();
            client.setUploadCreationURL(TusApi.tusUrl(relay.port(), id));
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
        String id = api.createImage("concatenated");
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
                partUrls.add(
                        upload.get(TusApi.WAIT.toSeconds(), TimeUnit.SECONDS).toString());
            }
        } finally {
            threads.shutdownNow();
        }

        HttpResponse<String> created =
                api.send(HttpRequest.newBuilder(TusApi.tusUrl(api.port(), id).toURI())
                        .timeout(TusApi.WAIT)
                        .header("Tus-Resumable", "1.0.0")
                        .header("Upload-Concat", "final;" + String.join(" ", partUrls))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build());

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertActiveWithTheBytesOf(id, seed);
    }

    private static URL uploadPartial(String imageId, InputStream bytes, long size) throws Exception {
        TusClient client = new TusClient();
        client.setUploadCreationURL(TusApi.tusUrl(api.port(), imageId));
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

    private static void assertActiveWithTheBytesOf(String id, long seed) throws Exception {
        String[] expected = TusApi.digests(GeneratedBytes.of(SIZE, seed));
        api.assertActive(id, SIZE, expected[0], expected[1]);
    }
}
