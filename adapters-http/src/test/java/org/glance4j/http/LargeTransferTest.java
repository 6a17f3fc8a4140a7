package org.glance4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image bodies larger than the test JVM's heap (surefire runs this module with {@code -Xmx96m}): uploads stream
 * into the core, downloads of a file region go out zero-copy. Bytes are generated and digested on the fly.
 */
class LargeTransferTest {
    private static final String FILE = "/v2/images/11111111-2222-3333-4444-555555555555/file";
    private static final long SIZE = 300L * 1024 * 1024;
    private static ServerFixture fx;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        assertThat(Runtime.getRuntime().maxMemory()).isLessThan(SIZE);
        fx = new ServerFixture();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @BeforeEach
    void reset() {
        fx.data.reset();
    }

    @Test
    void uploadWithContentLengthLargerThanTheHeapStreamsIntoTheCore() throws Exception {
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> GeneratedBytes.of(SIZE, 11)), SIZE);
        HttpResponse<byte[]> r = fx.sendBytes("PUT", FILE, body, "Content-Type", "application/octet-stream");
        assertThat(r.statusCode()).isEqualTo(204);
        FakeImageDataService.Upload upload = fx.data.awaitUpload();
        assertThat(upload.declaredSize()).isEqualTo(SIZE);
        assertThat(upload.bytes()).isEqualTo(SIZE);
        assertThat(upload.sha256()).isEqualTo(GeneratedBytes.sha256(SIZE, 11));
    }

    @Test
    void chunkedUploadLargerThanTheHeapStreamsIntoTheCore() throws Exception {
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofInputStream(() -> GeneratedBytes.of(SIZE, 12));
        HttpResponse<byte[]> r = fx.sendBytes("PUT", FILE, body, "Content-Type", "application/octet-stream");
        assertThat(r.statusCode()).isEqualTo(204);
        FakeImageDataService.Upload upload = fx.data.awaitUpload();
        assertThat(upload.declaredSize()).isEqualTo(-1);
        assertThat(upload.bytes()).isEqualTo(SIZE);
        assertThat(upload.sha256()).isEqualTo(GeneratedBytes.sha256(SIZE, 12));
    }

    @Test
    void largeFileRegionDownloadIsSentZeroCopyWholeAndRanged() throws Exception {
        Path file = dir.resolve("large-image");
        try (OutputStream out = Files.newOutputStream(file);
                InputStream in = GeneratedBytes.of(SIZE, 13)) {
            in.transferTo(out);
        }
        fx.data.file = file;
        fx.data.image = fx.data.image.toBuilder()
                .status(ImageStatus.ACTIVE)
                .size(SIZE)
                .checksum("c")
                .build();

        HttpResponse<InputStream> whole =
                fx.client.send(HttpRequest.newBuilder(fx.uri(FILE)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("content-length")).hasValue(String.valueOf(SIZE));
        assertThat(GeneratedBytes.sha256(whole.body())).isEqualTo(GeneratedBytes.sha256(SIZE, 13));

        long first = 100_000_001L;
        long last = 250_000_000L;
        HttpResponse<InputStream> ranged = fx.client.send(
                HttpRequest.newBuilder(fx.uri(FILE))
                        .header("Range", "bytes=" + first + "-" + last)
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(ranged.statusCode()).isEqualTo(206);
        assertThat(ranged.headers().firstValue("content-range")).hasValue("bytes " + first + "-" + last + "/" + SIZE);
        InputStream expected = GeneratedBytes.of(SIZE, 13);
        expected.skipNBytes(first);
        assertThat(GeneratedBytes.sha256(ranged.body()))
                .isEqualTo(GeneratedBytes.sha256(new BoundedStream(expected, last - first + 1)));

        assertThat(fx.data.opened).hasSize(2);
        assertThat(fx.data.awaitAllClosed()).isTrue();
        for (InputStream s : fx.data.opened) {
            assertThat(((TestFileRegionStream) s).bytesReadThroughHeap).hasValue(0);
        }
    }

    @Test
    void clientThatLeavesMidDownloadOnlyEndsTheTransferOnBothPaths() throws Exception {
        Path file = dir.resolve("medium-image");
        try (OutputStream out = Files.newOutputStream(file);
                InputStream in = GeneratedBytes.of(64 << 20, 14)) {
            in.transferTo(out);
        }
        for (boolean plain : new boolean[] {false, true}) {
            fx.data.reset();
            fx.data.file = file;
            fx.data.fileAsPlainStream = plain;
            try (Socket socket = new Socket("127.0.0.1", fx.server.port())) {
                socket.getOutputStream()
                        .write(("GET " + FILE + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                byte[] head = socket.getInputStream().readNBytes(64 * 1024);
                assertThat(new String(head, 0, 15, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200 OK");
            }
            assertThat(fx.data.awaitAllClosed()).as("plain stream: " + plain).isTrue();
            long readThroughHeap = fx.data.opened.get(0) instanceof TestFileRegionStream region
                    ? region.bytesReadThroughHeap.get()
                    : ((FakeImageDataService.PlainStream) fx.data.opened.get(0)).region.bytesReadThroughHeap.get();
            assertThat(readThroughHeap).as("plain stream: " + plain).isLessThan(64L << 20);
        }
        fx.data.reset();
        fx.data.content = new byte[] {1, 2, 3};
        HttpResponse<byte[]> after = fx.sendBytes("GET", FILE, HttpRequest.BodyPublishers.noBody());
        assertThat(after.body()).containsExactly(1, 2, 3);
    }

    /** The first {@code limit} bytes of a stream. */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws java.io.IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
