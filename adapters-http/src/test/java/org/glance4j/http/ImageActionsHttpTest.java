package org.glance4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.glance4j.ports.error.GlanceException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /v2/images/{id}/actions/deactivate} and {@code /reactivate}. */
class ImageActionsHttpTest {
    private static final String ID = "11111111-2222-3333-4444-555555555555";
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
        fx.actions.calls.clear();
        fx.actions.failure = null;
    }

    @ParameterizedTest
    @ValueSource(strings = {"deactivate", "reactivate"})
    void postIs204AndCallsTheAction(String action) {
        HttpResponse<String> r = fx.send("POST", "/v2/images/" + ID + "/actions/" + action, null);
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(fx.actions.calls).containsExactly(action + " " + ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH", "HEAD"})
    void otherMethodsAre405AllowingPost(String method) {
        HttpResponse<String> r = fx.send(method, "/v2/images/" + ID + "/actions/deactivate", null);
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("allow")).hasValue("POST");
        assertThat(fx.actions.calls).isEmpty();
    }

    @Test
    void aBodyIs400() {
        HttpResponse<String> r =
                fx.send("POST", "/v2/images/" + ID + "/actions/deactivate", "{}", "Content-Type", "application/json");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(fx.actions.calls).isEmpty();
    }

    @Test
    void unknownActionIs404() {
        assertThat(fx.send("POST", "/v2/images/" + ID + "/actions/explode", null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(fx.send("POST", "/v2/images/" + ID + "/actions", null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void coreRefusalsKeepTheirStatus() {
        fx.actions.failure = GlanceException.forbidden("Not allowed to deactivate image in status 'queued'");
        HttpResponse<String> r =
                fx.send("POST", "/v2/images/" + ID + "/actions/deactivate", null, "Accept", "application/json");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(ServerFixture.json(r).get("message").asText()).contains("status 'queued'");
        fx.actions.failure = GlanceException.notFound("No image found with ID " + ID);
        assertThat(fx.send("POST", "/v2/images/" + ID + "/actions/reactivate", null)
                        .statusCode())
                .isEqualTo(404);
    }
}
