package org.glance4j.http.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.glance4j.ports.out.importing.WebSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDK web source against a real local HTTP server: one GET, redirects handed back, the body streamed. */
class JdkWebSourceTest {

    private HttpServer server;
    private final JdkWebSource source = new JdkWebSource();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/disk.img", exchange -> {
            byte[] body = "disk bytes".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/disk.img");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/chunked", exchange -> {
            exchange.sendResponseHeaders(404, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("gone".getBytes(StandardCharsets.US_ASCII));
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void aGetAnswersStatusLengthAndTheBody() throws Exception {
        try (WebSource.Response response = source.get(uri("/disk.img"))) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.contentLength()).hasValue(10);
            assertThat(response.location()).isEmpty();
            assertThat(new String(response.body().readAllBytes(), StandardCharsets.US_ASCII))
                    .isEqualTo("disk bytes");
        }
    }

    @Test
    void aRedirectIsHandedBackNotFollowed() throws Exception {
        try (WebSource.Response response = source.get(uri("/moved"))) {
            assertThat(response.status()).isEqualTo(302);
            assertThat(response.location()).contains("/disk.img");
        }
    }

    @Test
    void anErrorStatusIsAnAnswerAndABodyWithoutLengthHasNone() throws Exception {
        try (WebSource.Response response = source.get(uri("/chunked"))) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.contentLength()).isEmpty();
        }
    }

    @Test
    void noServerIsAnIoException() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> source.get(URI.create("http://127.0.0.1:" + closedPort + "/x")))
                .isInstanceOf(IOException.class);
    }
}
