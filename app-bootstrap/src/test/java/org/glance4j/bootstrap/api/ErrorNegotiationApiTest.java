package org.glance4j.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Error bodies follow the {@code Accept} header: JSON, plain text, or a small HTML page. */
class ErrorNegotiationApiTest extends ApiTestSupport {
    private final String unknownId = unknownId();
    private final String unknown = "/v2/images/" + unknownId;

    private ApiResponse notFound(String accept) {
        return Api.as(people.readerA).get(unknown, Map.of("Accept", accept));
    }

    @Test
    void jsonErrorsCarryMessageCodeAndTitle() {
        ApiResponse response = notFound("application/json");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.mediaType()).isEqualTo("application/json");
        JsonNode error = response.json();
        assertThat(error.get("code").asText()).isEqualTo("404 Not Found");
        assertThat(error.get("title").asText()).isEqualTo("Not Found");
        assertThat(error.get("message").asText()).contains(unknownId);
    }

    @Test
    void everyKindOfErrorHasTheJsonShape() {
        String chosenId = unknownId();
        List<ApiResponse> errors = List.of(
                Api.as(people.memberA).post("/v2/images", "{"),
                Api.as(people.readerA).post("/v2/images", body("name", "x")),
                Api.as(people.memberA).post("/v2/images", body("id", chosenId)),
                Api.as(people.memberA).post("/v2/images", body("id", chosenId)),
                Api.as(people.memberA).send("PATCH", unknown, "application/json", List.of(), Map.of()),
                Api.as(people.anonymous).get("/v2/images"));

        assertThat(errors).extracting(ApiResponse::status).containsExactly(400, 403, 201, 409, 415, 401);
        errors.stream().filter(response -> response.status() >= 400).forEach(response -> {
            assertThat(response.mediaType()).as("%s", response).isEqualTo("application/json");
            JsonNode error = response.json();
            assertThat(error.get("code").asText()).as("%s", response).startsWith(response.status() + " ");
            assertThat(error.get("title").asText()).as("%s", response).isNotBlank();
            assertThat(error.has("message")).as("%s", response).isTrue();
        });
    }

    @Test
    void jsonErrorsNameTheReason() {
        ApiResponse response = Api.as(people.memberA).post("/v2/images", body("status", "queued"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("code").asText()).isEqualTo("403 Forbidden");
        assertThat(response.json().get("message").asText()).contains("status").contains("read-only");
    }

    /**
     * Glance leaves webob's HTML line breaks in JSON messages (GLANCE-BEHAVIOUR.md: bug): the JSON body is webob.exc's
     * own JSON rendering of its HTML-oriented template, which glance/common/wsgi.py:456 only translates.
     */
    @Test
    @Tag(GLANCE_BUG)
    void jsonMessagesHaveNoHtmlResidue() {
        assertThat(notFound("application/json").json().get("message").asText()).doesNotContain("<br");
    }

    @Test
    void plainTextErrorsForTextPlain() {
        ApiResponse response = notFound("text/plain");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.mediaType()).isEqualTo("text/plain");
        assertThat(response.body()).contains("404 Not Found").contains(unknownId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "text/html", "text/html,application/xhtml+xml,*/*;q=0.8"})
    void htmlErrorsOtherwise(String accept) {
        ApiResponse response = notFound(accept);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.mediaType()).isEqualTo("text/html");
        assertThat(response.body()).contains("<html>").contains("404 Not Found").contains(unknownId);
    }

    @Test
    void aTypeThatIsNeitherHtmlNorJsonGetsPlainText() {
        ApiResponse response = notFound("application/xml");

        assertThat(response.mediaType()).isEqualTo("text/plain");
    }

    @Test
    void successfulAnswersAreJsonWhateverTheAccept() {
        String id = createWithVisibility(people.memberA, "private");

        ApiResponse response = Api.as(people.readerA).get("/v2/images/" + id, Map.of("Accept", "*/*"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.mediaType()).isEqualTo("application/json");
        assertThat(response.json().get("id").asText()).isEqualTo(id);
    }

    @Test
    void unknownPathsUnderV2AreNotFound() {
        assertThat(Api.as(people.readerA).get("/v2/nothing-here").status()).isEqualTo(404);
    }

    @Test
    void unsupportedMethodsAreMethodNotAllowed() {
        assertThat(Api.as(people.memberA)
                        .send("PUT", "/v2/images", "application/json", "{}", Map.of())
                        .status())
                .isEqualTo(405);
        assertThat(Api.as(people.memberA)
                        .send("POST", unknown, "application/json", "{}", Map.of())
                        .status())
                .isEqualTo(405);
        assertThat(Api.as(people.memberA).delete("/v2/images").status()).isEqualTo(405);
    }
}
