package org.glance4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.Undertow;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Errors that do not come from a service: broken bodies on the wire and statuses Undertow sets by itself. */
class UndertowLevelErrorsTest {

    @Test
    void bodyCutShortIs400WithRequestId() throws IOException {
        try (ServerFixture fx = new ServerFixture();
                Socket socket = new Socket("127.0.0.1", fx.server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v2/images HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n"
                            + "Content-Length: 100\r\nContent-Type: application/json\r\n\r\n{\"na")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.shutdownOutput();
            String answer = readAll(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 400 ");
            assertThat(answer.toLowerCase()).contains("x-openstack-request-id: req-");
            assertThat(fx.images.calls).isEmpty();
        }
    }

    @Test
    void errorStatusSetWithoutBodyIsRenderedByTheListener() throws Exception {
        ErrorResponder responder = new ErrorResponder();
        Undertow undertow = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(exchange -> {
                    exchange.putAttachment(ErrorResponder.REQUEST_ID, "req-fixed");
                    exchange.getResponseHeaders().put(ErrorResponder.REQUEST_ID_HEADER, "req-fixed");
                    exchange.addDefaultResponseListener(responder);
                    exchange.setStatusCode(503);
                    exchange.endExchange();
                })
                .build();
        undertow.start();
        try {
            int port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/x"))
                                    .header("Accept", "application/json")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("x-openstack-request-id")).hasValue("req-fixed");
            assertThat(ServerFixture.json(r).get("code").asText()).isEqualTo("503 Service Unavailable");
        } finally {
            undertow.stop();
        }
    }

    private static String readAll(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        byte[] buf = new byte[4096];
        int n;
        try {
            while ((n = in.read(buf)) > 0) {
                b.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                if (b.indexOf("\r\n\r\n") > 0 && b.indexOf("}") > 0) {
                    break;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            // whatever arrived is the answer
        }
        return b.toString();
    }
}
