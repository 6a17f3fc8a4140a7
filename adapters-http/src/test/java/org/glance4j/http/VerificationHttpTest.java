package org.glance4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ImageVerificationService;
import org.glance4j.ports.model.ImageVerification;
import org.glance4j.ports.model.ImageVerification.Status;
import org.glance4j.ports.model.RequestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /v2/verification}: the results as JSON, the status filter, the core's refusal, and 404 without it. */
class VerificationHttpTest {
    private static final ImageVerification CORRUPTED = new ImageVerification(
            "img-1",
            "file1",
            "file:///secret/path/img-1",
            Status.CORRUPTED,
            Instant.parse("2026-12-07T05:00:00Z"),
            "checksum (md5) recorded aa, the copy has bb");

    /** Answers one result to admins; records the status asked for. */
    static final class FakeVerification implements ImageVerificationService {
        final List<Status> asked = new ArrayList<>();

        @Override
        public Summary verify(Scope scope, long bytesPerSecond, Consumer<ImageVerification> progress) {
            throw new UnsupportedOperationException("not over HTTP");
        }

        @Override
        public List<ImageVerification> lastResults(RequestContext context, Status status) {
            if (!context.roles().contains("admin")) {
                throw GlanceException.forbidden("You are not authorized to see the image verification results");
            }
            asked.add(status);
            return List.of(CORRUPTED);
        }
    }

    private static final FakeVerification VERIFICATION = new FakeVerification();
    private static GlanceHttpServer server;
    private static ServerFixture without;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        HttpSettings settings = new HttpSettings("127.0.0.1", 0, AuthMode.TRUSTED_HEADERS, "proj", "user", 1, 4);
        server = new GlanceHttpServer(
                settings,
                new ApiServices(
                                new FakeImageService(),
                                new FakeTagService(),
                                new FakeSchemaService(),
                                new FakeImageDataService(),
                                new FakeActionService(),
                                new FakeMemberService())
                        .withVerification(VERIFICATION));
        server.start();
        without = new ServerFixture();
    }

    @AfterAll
    static void stop() {
        server.close();
        without.close();
    }

    private HttpResponse<String> get(String path, String roles) {
        return send("GET", path, roles);
    }

    private HttpResponse<String> send(String method, String path, String roles) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Accept", "application/json")
                .header("X-Identity-Status", "Confirmed")
                .header("X-User-Id", "u1")
                .header("X-Project-Id", "p1")
                .header("X-Roles", roles)
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void adminsGetTheResultsWithoutLocationUrls() {
        HttpResponse<String> r = get("/v2/verification", "admin,member,reader");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode result = ServerFixture.json(r).get("verifications").get(0);
        assertThat(result.get("image_id").asText()).isEqualTo("img-1");
        assertThat(result.get("store").asText()).isEqualTo("file1");
        assertThat(result.get("status").asText()).isEqualTo("corrupted");
        assertThat(result.get("checked_at").asText()).isEqualTo("2026-12-07T05:00:00Z");
        assertThat(result.get("detail").asText()).isEqualTo(CORRUPTED.detail());
        assertThat(r.body()).doesNotContain("secret");
    }

    @Test
    void theStatusFilterReachesTheCoreAndAnUnknownOneIs400() {
        VERIFICATION.asked.clear();
        assertThat(get("/v2/verification?status=corrupted", "admin").statusCode())
                .isEqualTo(200);
        assertThat(VERIFICATION.asked).containsExactly(Status.CORRUPTED);
        assertThat(get("/v2/verification?status=bogus", "admin").statusCode()).isEqualTo(400);
    }

    @Test
    void othersAre403AndOtherMethods405() {
        assertThat(get("/v2/verification", "member,reader").statusCode()).isEqualTo(403);
        HttpResponse<String> post = send("POST", "/v2/verification", "admin");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void withoutTheServiceThePathIs404() {
        assertThat(without.send("GET", "/v2/verification", null).statusCode()).isEqualTo(404);
    }
}
