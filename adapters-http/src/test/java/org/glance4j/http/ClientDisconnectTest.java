package org.glance4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A list whose client goes away is cancelled; one whose client stays (even pipelining) is not. */
class ClientDisconnectTest {
    private final ServerFixture fx = new ServerFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void closingTheConnectionDuringAListCancelsIt() throws Exception {
        CountDownLatch listing = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        fx.images.duringList = context -> {
            context.cancellation().onCancel(cancelled::countDown);
            listing.countDown();
            await(cancelled);
        };
        try (Socket socket = new Socket("127.0.0.1", fx.server.port())) {
            socket.getOutputStream()
                    .write(("GET /v2/images?p0=v HTTP/1.1\r\nHost: localhost\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            assertThat(listing.await(60, TimeUnit.SECONDS))
                    .as("the list started")
                    .isTrue();
        }
        assertThat(cancelled.await(60, TimeUnit.SECONDS))
                .as("the list was cancelled")
                .isTrue();
    }

    @Test
    void aPipelinedRequestIsAnsweredAndTheListIsNotCancelled() throws Exception {
        CountDownLatch listing = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        AtomicBoolean wasCancelled = new AtomicBoolean();
        fx.images.duringList = context -> {
            if (listing.getCount() == 0) {
                return;
            }
            listing.countDown();
            await(proceed);
            wasCancelled.set(context.cancellation().isCancelled());
        };
        try (Socket socket = new Socket("127.0.0.1", fx.server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /v2/images HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(listing.await(60, TimeUnit.SECONDS)).isTrue();
            out.write("GET /versions HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Let the watch see the pipelined bytes (it polls), then let the list answer.
            Thread.sleep(3 * ClientDisconnectWatch.POLL_MILLIS);
            proceed.countDown();
            socket.setSoTimeout(60_000);
            InputStream in = socket.getInputStream();
            String answers = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answers).contains("\"images\"").contains("\"versions\"");
            assertThat(answers.split("HTTP/1.1 200", -1)).hasSize(3);
        }
        assertThat(wasCancelled).isFalse();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
