package org.glance4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.glance4j.ports.model.ImageStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that stall (a request body that stops coming, a download nobody reads) cost their connection, never the
 * threads that serve everybody else; and what each connection may hold is bounded: the client socket timeout, the
 * header timeout, the connection cap. The servers here have two worker threads, so that a few stalled clients would
 * take them all if they could.
 */
class StalledClientsTest {
    private static final String ID = "11111111-2222-3333-4444-555555555555";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int EACH = 6;

    @TempDir
    Path dir;

    private ServerFixture fx;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void close() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // already gone
            }
        }
        if (fx != null) {
            fx.close();
        }
    }

    private static HttpSettings twoWorkers() {
        return new HttpSettings("127.0.0.1", 0, AuthMode.NOAUTH, "proj", "user", 1, 2);
    }

    @Test
    void stalledBodiesAndUnreadDownloadsLeaveEveryOtherCallAnswered() throws Exception {
        fx = new ServerFixture(twoWorkers());
        serveLargeFile();
        for (int i = 0; i < EACH; i++) {
            stall("PUT /v2/images/" + ID + "/file", "application/octet-stream", 1_000_000, "0123456789");
            stall("POST /v2/images", "application/json", 100, "{\"name\": ");
            stall("PATCH /v2/images/" + ID, "application/openstack-images-v2.1-json-patch", 100, "[{");
            stall("POST /v2/images/" + ID + "/members", "application/json", 100, "{");
            neverRead("GET /v2/images/" + ID + "/file");
        }
        waitUntil(
                () -> fx.data.uploadsStarted.get() == EACH && fx.data.opened.size() == EACH,
                "every stalled upload and unread download is being served");

        assertThat(call("GET", "/versions", null).statusCode()).isEqualTo(200);
        assertThat(call(
                                "POST",
                                "/v2/images",
                                HttpRequest.BodyPublishers.ofString("{\"name\": \"n\"}"),
                                "Content-Type",
                                "application/json")
                        .statusCode())
                .isEqualTo(201);
        assertThat(call(
                                "PUT",
                                "/v2/images/" + ID + "/file",
                                HttpRequest.BodyPublishers.ofByteArray(new byte[1000]),
                                "Content-Type",
                                "application/octet-stream")
                        .statusCode())
                .isEqualTo(204);
        HttpResponse<InputStream> download = fx.client.send(
                HttpRequest.newBuilder(fx.uri("/v2/images/" + ID + "/file"))
                        .timeout(WAIT)
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(download.statusCode()).isEqualTo(200);
        try (InputStream body = download.body()) {
            assertThat(body.transferTo(OutputStream.nullOutputStream())).isEqualTo(LARGE);
        }
    }

    @Test
    void aStalledUploadFailsAfterTheClientSocketTimeoutAndLosesItsConnection() throws Exception {
        fx = new ServerFixture(twoWorkers()
                .withConnections(ConnectionLimits.defaults().withClientSocketTimeout(Duration.ofMillis(500))));
        Socket upload = stall("PUT /v2/images/" + ID + "/file", "application/octet-stream", 1000, "0123456789");

        FakeImageDataService.Upload outcome = fx.data.awaitUpload();
        assertThat(outcome.bytes()).isEqualTo(10);
        assertThat(outcome.failure()).isInstanceOf(SocketTimeoutException.class);
        assertClosedByServer(upload);
    }

    @Test
    void aStalledJsonBodyLosesItsConnectionAfterTheClientSocketTimeout() throws Exception {
        fx = new ServerFixture(twoWorkers()
                .withConnections(ConnectionLimits.defaults().withClientSocketTimeout(Duration.ofMillis(500))));
        Socket create = stall("POST /v2/images", "application/json", 100, "{\"name\": ");
        Socket patch = stall("PATCH /v2/images/" + ID, "application/openstack-images-v2.1-json-patch", 100, "[");

        assertClosedByServer(create);
        assertClosedByServer(patch);
        assertThat(fx.images.calls).isEmpty();
    }

    @Test
    void anUnreadDownloadIsCutAfterTheClientSocketTimeout() throws Exception {
        fx = new ServerFixture(twoWorkers()
                .withConnections(ConnectionLimits.defaults().withClientSocketTimeout(Duration.ofMillis(500))));
        serveLargeFile();
        neverRead("GET /v2/images/" + ID + "/file");
        waitUntil(() -> fx.data.opened.size() == 1, "the download started");
        TestFileRegionStream stream = (TestFileRegionStream) fx.data.opened.get(0);

        assertThat(stream.awaitClosed())
                .as("the server gave up the download of a client that reads nothing")
                .isTrue();
    }

    @Test
    void idleConnectionsAreClosedAfterTheClientSocketTimeout() throws Exception {
        fx = new ServerFixture(twoWorkers()
                .withConnections(ConnectionLimits.defaults().withClientSocketTimeout(Duration.ofMillis(500))));
        Socket silent = open();
        Socket afterOneRequest = open();
        afterOneRequest.getOutputStream().write(request("GET /versions", null, -1, ""));
        readAnswerHead(afterOneRequest);

        assertClosedByServer(silent);
        assertClosedByServer(afterOneRequest);
    }

    @Test
    void headersSentByteByByteAreCutOffByTheHeaderTimeout() throws Exception {
        fx = new ServerFixture(twoWorkers()
                .withConnections(ConnectionLimits.defaults().withRequestHeaderTimeout(Duration.ofMillis(500))));
        Socket slow = open();
        Thread trickle = new Thread(() -> {
            try {
                OutputStream out = slow.getOutputStream();
                out.write("GET /versions HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; ; i++) {
                    out.write(i % 2 == 0 ? 'X' : '-');
                    out.flush();
                    Thread.sleep(50);
                }
            } catch (IOException | InterruptedException e) {
                // the server closed the connection, or the test ended
            }
        });
        trickle.setDaemon(true);
        trickle.start();
        try {
            assertClosedByServer(slow);
        } finally {
            trickle.interrupt();
        }
    }

    @Test
    void connectionsBeyondTheCapWaitUntilOneCloses() throws Exception {
        int cap = 20;
        fx = new ServerFixture(
                twoWorkers().withConnections(ConnectionLimits.defaults().withMaxConnections(cap)));
        List<Socket> admitted = new ArrayList<>();
        for (int i = 0; i < cap; i++) {
            Socket socket = open();
            socket.getOutputStream().write(request("GET /versions", null, -1, ""));
            readAnswerHead(socket);
            admitted.add(socket);
        }
        Socket extra = open();
        extra.getOutputStream().write(request("GET /versions", null, -1, ""));
        extra.setSoTimeout(1000);
        // while the server holds its cap it takes no further connection, so no answer can come, however slow it is
        assertThat(firstByteOrTimeout(extra)).as("an answer beyond the cap").isEqualTo(-2);

        admitted.get(0).close();
        extra.setSoTimeout((int) WAIT.toMillis());
        assertThat(readAnswerHead(extra)).startsWith("HTTP/1.1 200");
    }

    // ---- helpers

    private static final int LARGE = 64 * 1024 * 1024;

    /** A sparse file larger than the socket buffers of loopback, so that a client that reads nothing stalls it. */
    private void serveLargeFile() throws IOException {
        Path file = dir.resolve("large");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(LARGE);
        }
        fx.data.image = FakeImageService.sampleImage().toBuilder()
                .status(ImageStatus.ACTIVE)
                .size((long) LARGE)
                .build();
        fx.data.file = file;
    }

    private Socket open() throws IOException {
        Socket socket = new Socket("127.0.0.1", fx.server.port());
        sockets.add(socket);
        socket.setSoTimeout((int) WAIT.toMillis());
        return socket;
    }

    /** Sends a request's headers and the first part of its body, then nothing more. */
    private Socket stall(String requestLine, String contentType, long contentLength, String part) throws IOException {
        Socket socket = open();
        socket.getOutputStream().write(request(requestLine, contentType, contentLength, part));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Asks for a download and never reads it. */
    private Socket neverRead(String requestLine) throws IOException {
        Socket socket = open();
        socket.getOutputStream().write(request(requestLine, null, -1, ""));
        return socket;
    }

    private static byte[] request(String requestLine, String contentType, long contentLength, String part) {
        StringBuilder text = new StringBuilder(requestLine).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        if (contentType != null) {
            text.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (contentLength >= 0) {
            text.append("Content-Length: ").append(contentLength).append("\r\n");
        }
        return text.append("\r\n").append(part).toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads an answer's status line and headers (the bodies asked for here are small). */
    private static String readAnswerHead(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        long contentLength = 0;
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed after " + head);
            }
            head.append((char) b);
        }
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                contentLength = Long.parseLong(line.substring(15).trim());
            }
        }
        in.readNBytes((int) contentLength);
        return head.toString();
    }

    /** The first byte of the answer, -1 at the end of the stream, -2 when none came in the socket's timeout. */
    private static int firstByteOrTimeout(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read();
        } catch (SocketTimeoutException e) {
            return -2;
        }
    }

    /** The server closes the connection: reading ends (perhaps after an answer) or fails with a reset. */
    private static void assertClosedByServer(Socket socket) {
        try {
            socket.getInputStream().transferTo(OutputStream.nullOutputStream());
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open for " + WAIT.toSeconds() + " s", e);
        } catch (IOException e) {
            // a reset is a close too
        }
    }

    private HttpResponse<byte[]> call(String method, String path, HttpRequest.BodyPublisher body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(fx.uri(path))
                .timeout(WAIT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return fx.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT.toSeconds() + " s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
