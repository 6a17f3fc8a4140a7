package org.glance4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ImageList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class RoutingAndErrorsTest {
    private static ServerFixture fx;

    @BeforeAll
    static void start() {
        fx = new ServerFixture();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @BeforeEach
    void reset() {
        fx.images.calls.clear();
        fx.images.failure = null;
        fx.images.page = new ImageList(java.util.List.of(), null);
    }

    @ParameterizedTest
    @EnumSource(ErrorCategory.class)
    void everyCategoryHasItsStatusAndJsonBody(ErrorCategory category) {
        fx.images.failure = new GlanceException(category, "Image \"x\" <is> refused");
        HttpResponse<String> r = fx.get("/v2/images/x", "Accept", "application/json");
        HttpStatus expected = ErrorStatus.of(category);
        assertThat(r.statusCode()).isEqualTo(expected.code());
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = ServerFixture.json(r);
        assertThat(body.get("message").asText()).isEqualTo("Image \"x\" <is> refused");
        assertThat(body.get("code").asText()).isEqualTo(expected.code() + " " + expected.title());
        assertThat(body.get("title").asText()).isEqualTo(expected.title());
        assertThat(r.headers().firstValue("x-openstack-request-id").orElseThrow())
                .startsWith("req-");
    }

    @Test
    void categoriesMapToGlanceStatusCodesOneToOne() {
        Set<Integer> codes = EnumSet.allOf(ErrorCategory.class).stream()
                .map(c -> ErrorStatus.of(c).code())
                .collect(Collectors.toSet());
        assertThat(codes).containsExactlyInAnyOrder(400, 401, 403, 404, 409, 413, 415, 416, 460, 501, 503, 500);
    }

    @Test
    void errorBodyFollowsAccept() {
        fx.images.failure = GlanceException.notFound("No image found with ID x");
        HttpResponse<String> plain = fx.get("/v2/images/x", "Accept", "text/plain");
        assertThat(plain.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain");
        assertThat(plain.body()).isEqualTo("404 Not Found\n\nNo image found with ID x\n\n");
        for (String accept : new String[] {"*/*", "text/html", "text/html, application/json;q=0.5"}) {
            HttpResponse<String> html = fx.get("/v2/images/x", "Accept", accept);
            assertThat(html.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
            assertThat(html.body())
                    .isEqualTo(
                            "<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n"
                                    + "  <h1>404 Not Found</h1>\n  No image found with ID x<br /><br />\n\n\n\n </body>\n</html>");
        }
        HttpResponse<String> noAccept = fx.get("/v2/images/x");
        assertThat(noAccept.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
        HttpResponse<String> jsonPreferred = fx.get("/v2/images/x", "Accept", "text/html;q=0.2, application/*");
        assertThat(jsonPreferred.headers().firstValue("content-type")).hasValue("application/json");
        HttpResponse<String> image = fx.get("/v2/images/x", "Accept", "image/png");
        assertThat(image.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain");
    }

    @Test
    void htmlBodiesEscapeTheMessage() {
        fx.images.failure = GlanceException.invalid("<script>&");
        assertThat(fx.get("/v2/images/x", "Accept", "text/html").body())
                .contains("&lt;script&gt;&amp;")
                .doesNotContain("<script>");
    }

    @Test
    void unexpectedExceptionIs500WithAGenericMessage() {
        fx.images.failure = new IllegalStateException("secret internal detail");
        HttpResponse<String> r = fx.get("/v2/images/x", "Accept", "application/json");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).doesNotContain("secret");
        assertThat(ServerFixture.json(r).get("message").asText()).isEqualTo(ErrorResponder.INTERNAL_MESSAGE);
        assertThat(r.headers().firstValue("x-openstack-request-id")).isPresent();
    }

    @ParameterizedTest
    @CsvSource({"/v2/nothing", "/v2/images/x/nothing", "/v2/images/x/tags", "/v2//images", "/v2/images/", "/v2/schemas"
    })
    void unknownPathsAre404WithRequestId(String path) {
        HttpResponse<String> r = fx.get(path, "Accept", "application/json");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(ServerFixture.json(r).get("message").asText()).isEqualTo("The resource could not be found.");
        assertThat(r.headers().firstValue("x-openstack-request-id").orElseThrow())
                .startsWith("req-");
    }

    @Test
    void unknownMethodOnUnknownPathIs501() {
        assertThat(fx.send("OPTIONS", "/v2/nothing", null).statusCode()).isEqualTo(501);
    }

    @ParameterizedTest
    @CsvSource({
        "HEAD,/v2/images,'GET, POST'",
        "PUT,/v2/images,'GET, POST'",
        "DELETE,/v2/images,'GET, POST'",
        "HEAD,/v2/images/x,'GET, PATCH, DELETE'",
        "POST,/v2/images/x,'GET, PATCH, DELETE'",
        "OPTIONS,/v2/images/x,'GET, PATCH, DELETE'",
        "HEAD,/v2/schemas/images,GET"
    })
    void knownPathsRefuseOtherMethodsWith405AndAllow(String method, String path, String allow) {
        HttpResponse<String> r = fx.send(method, path, null, "Accept", "application/json");
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("allow")).hasValue(allow);
        assertThat(r.headers().firstValue("x-openstack-request-id")).isPresent();
        if (!method.equals("HEAD")) {
            assertThat(ServerFixture.json(r).get("message").asText())
                    .isEqualTo("The method " + method + " is not allowed for this resource.");
        }
        assertThat(fx.images.calls).isEmpty();
    }

    @Test
    void everyAnswerHasItsOwnRequestId() {
        String a = fx.get("/v2/images/x")
                .headers()
                .firstValue("x-openstack-request-id")
                .orElseThrow();
        String b = fx.get("/v2/images/x")
                .headers()
                .firstValue("x-openstack-request-id")
                .orElseThrow();
        assertThat(a).isNotEqualTo(b);
        assertThat(fx.get("/").headers().firstValue("x-openstack-request-id")).isPresent();
        assertThat(fx.images.calls.get(0).context().requestId()).isEqualTo(a);
    }
}
