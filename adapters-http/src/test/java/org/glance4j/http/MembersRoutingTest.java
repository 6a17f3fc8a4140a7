package org.glance4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The member routes: paths, methods, body parsing as Glance's deserializer does it, and the JSON answers. */
class MembersRoutingTest {
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
        fx.members.calls.clear();
    }

    @Test
    void listAnswersMembersWithTheirSchema() {
        HttpResponse<String> r = fx.send("GET", "/v2/images/img-1/members", null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = ServerFixture.json(r);
        assertThat(body.get("schema").asText()).isEqualTo("/v2/schemas/members");
        assertThat(body.get("members")).hasSize(2);
        JsonNode first = body.get("members").get(0);
        assertThat(first.get("member_id").asText()).isEqualTo("p1");
        assertThat(first.get("image_id").asText()).isEqualTo("img-1");
        assertThat(first.get("status").asText()).isEqualTo("accepted");
        assertThat(first.get("created_at").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(first.get("schema").asText()).isEqualTo("/v2/schemas/member");
        assertThat(fx.members.calls).containsExactly("list img-1");
    }

    @Test
    void addTakesTheMemberOfTheBodyAndAnswers200() {
        HttpResponse<String> r = fx.send(
                "POST", "/v2/images/img-1/members", "{\"member\": \"proj-b\"}", "Content-Type", "application/json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ServerFixture.json(r).get("status").asText()).isEqualTo("pending");
        assertThat(fx.members.calls).containsExactly("add img-1 proj-b");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{}|Member to be added not specified",
                "{\"member\": \"\"}|Member can't be empty",
                "{\"member\": null}|Member can't be empty",
                "[\"proj-b\"]|Expected a member in the form: {\"member\": \"image_id\"}",
                "{\"member\": [\"x\"]}|Expected a member in the form: {\"member\": \"image_id\"}",
                "not json|Malformed JSON in request body."
            })
    void badAddBodiesAre400(String body, String message) {
        HttpResponse<String> r = fx.send(
                "POST",
                "/v2/images/img-1/members",
                body,
                "Content-Type",
                "application/json",
                "Accept",
                "application/json");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(ServerFixture.json(r).get("message").asText()).isEqualTo(message);
        assertThat(fx.members.calls).isEmpty();
    }

    @Test
    void showUpdateAndDeleteOneMember() {
        assertThat(fx.send("GET", "/v2/images/img-1/members/proj-b", null).statusCode())
                .isEqualTo(200);
        HttpResponse<String> put = fx.send(
                "PUT",
                "/v2/images/img-1/members/proj-b",
                "{\"status\": \"accepted\"}",
                "Content-Type",
                "application/json");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(ServerFixture.json(put).get("status").asText()).isEqualTo("accepted");
        assertThat(fx.send("DELETE", "/v2/images/img-1/members/proj-b", null).statusCode())
                .isEqualTo(204);
        assertThat(fx.members.calls)
                .containsExactly("get img-1 proj-b", "update img-1 proj-b accepted", "remove img-1 proj-b");
    }

    @Test
    void updateWithoutStatusIs400AndOtherMethodsAre405() {
        HttpResponse<String> r = fx.send(
                "PUT",
                "/v2/images/img-1/members/proj-b",
                "{\"state\": \"accepted\"}",
                "Content-Type",
                "application/json",
                "Accept",
                "application/json");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(ServerFixture.json(r).get("message").asText()).isEqualTo("Status not specified");
        HttpResponse<String> post = fx.send("POST", "/v2/images/img-1/members/proj-b", "{}");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET, PUT, DELETE");
        HttpResponse<String> put = fx.send("PUT", "/v2/images/img-1/members", "{}");
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("allow")).hasValue("GET, POST");
        assertThat(fx.members.calls).isEmpty();
    }
}
