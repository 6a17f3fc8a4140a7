package org.glance4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An answer worked out on a worker thread (every call into the services runs there) is ended on the connection's
 * I/O thread, so that Undertow never makes its I/O thread spin while a worker thread hands the connection back (see
 * {@code Responses.fromIoThread}). The request observer is told of an ended exchange on the thread that ended it.
 */
class AnswerThreadTest {
    private final List<String> endedOn = new CopyOnWriteArrayList<>();
    private final GlanceHttpServer server = new GlanceHttpServer(
            new HttpSettings("127.0.0.1", 0, AuthMode.NOAUTH, "proj", "user", 1, 4),
            new ApiServices(
                    new FakeImageService(),
                    new FakeTagService(),
                    new FakeSchemaService(),
                    new FakeImageDataService(),
                    new FakeActionService(),
                    new FakeMemberService()),
            HealthSettings.none(),
            new RequestObserver() {
                @Override
                public void completed(RequestOutcome outcome) {
                    endedOn.add(outcome.method() + " " + outcome.status() + " on "
                            + Thread.currentThread().getName());
                }
            },
            AccessLog.OFF);
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void jsonAndEmptyAnswersOfTheServicesEndOnTheIoThread() throws Exception {
        server.start();
        String base = "http://127.0.0.1:" + server.port() + "/v2/images";
        int listed = send(HttpRequest.newBuilder(URI.create(base)).GET());
        int created = send(HttpRequest.newBuilder(URI.create(base))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"a\"}")));
        int deleted = send(HttpRequest.newBuilder(
                        URI.create(base + "/" + FakeImageService.sampleImage().id()))
                .DELETE());

        assertThat(List.of(listed, created, deleted)).containsExactly(200, 201, 204);
        assertThat(endedOn)
                .hasSize(3)
                .allSatisfy(line -> assertThat(line).contains(" on XNIO-").contains(" I/O-"));
    }

    private int send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
