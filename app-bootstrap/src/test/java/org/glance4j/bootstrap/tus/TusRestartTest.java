package org.glance4j.bootstrap.tus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server restart in the middle of a resumable upload keeps every acknowledged byte: the restarted server (same
 * data directory, so the same database and staging directory) answers HEAD with the offset the first one
 * acknowledged, and the upload completes from there.
 */
class TusRestartTest {
    private static final int SIZE = 24 << 20;
    private static final int HALF = 10 << 20;
    private static final long SEED = 61;

    @TempDir
    Path dir;

    @Test
    void aRestartedServerResumesTheUploadAtTheAcknowledgedOffset() throws Exception {
        byte[] bytes;
        try (InputStream in = GeneratedBytes.of(SIZE, SEED)) {
            bytes = in.readAllBytes();
        }
        String id;
        String uploadPath;
        try (TusApi first = new TusApi(dir)) {
            id = first.createImage("restarted");
            HttpResponse<String> created =
                    first.send(tus(TusApi.tusUrl(first.port(), id).toURI())
                            .header("Upload-Length", Integer.toString(SIZE))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build());
            assertThat(created.statusCode()).isEqualTo(201);
            uploadPath = URI.create(created.headers().firstValue("Location").orElseThrow())
                    .getPath();
            HttpResponse<String> half = first.send(patch(first.port(), uploadPath, 0, bytes, 0, HALF));
            assertThat(half.statusCode()).isEqualTo(204);
            assertThat(half.headers().firstValue("Upload-Offset")).hasValue(Integer.toString(HALF));
        }

        try (TusApi second = new TusApi(dir)) {
            HttpResponse<String> head = second.send(tus(URI.create("http://127.0.0.1:" + second.port() + uploadPath))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValue("Upload-Offset")).hasValue(Integer.toString(HALF));

            HttpResponse<String> rest = second.send(patch(second.port(), uploadPath, HALF, bytes, HALF, SIZE));
            assertThat(rest.statusCode()).isEqualTo(204);
            assertThat(rest.headers().firstValue("Upload-Offset")).hasValue(Integer.toString(SIZE));
            String[] expected = TusApi.digests(new java.io.ByteArrayInputStream(bytes));
            second.assertActive(id, SIZE, expected[0], expected[1]);
        }
    }

    private static HttpRequest.Builder tus(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(TusApi.WAIT).header("Tus-Resumable", "1.0.0");
    }

    private static HttpRequest patch(int port, String path, long offset, byte[] bytes, int from, int to) {
        return tus(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/offset+octet-stream")
                .header("Upload-Offset", Long.toString(offset))
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes, from, to - from))
                .build();
    }
}
