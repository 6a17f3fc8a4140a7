package org.glance4j.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code GET /v2/info/usage} (glance/api/v2/discovery.py, InfoController.get_usage): without unified limits
 * ({@code use_keystone_limits} off, glance/quota/keystone.py get_usage) every caller gets an empty usage map; no
 * policy guards it, only authentication.
 */
class InfoUsageApiTest extends ApiTestSupport {

    @Test
    void everyAuthenticatedCallerGetsAnEmptyUsageMap() {
        for (Persona who : new Persona[] {people.readerA, people.memberB, people.adminA, people.memberOnlyA}) {
            ApiResponse response = Api.as(who).get("/v2/info/usage");

            assertThat(response.status()).as("%s: %s", who, response).isEqualTo(200);
            assertThat(response.mediaType()).isEqualTo("application/json");
            assertThat(response.json().toString()).isEqualTo("{\"usage\":{}}");
        }
    }

    @Test
    void anUnauthenticatedCallerIsRefused() {
        assertThat(Api.as(people.anonymous).get("/v2/info/usage").status()).isEqualTo(401);
    }

    /** Glance routes only GET to /info/usage (glance/api/v2/router.py): other methods find no route. */
    @Test
    void otherMethodsFindNothing() {
        assertThat(Api.as(people.adminA)
                        .post("/v2/info/usage", java.util.Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(Api.as(people.adminA).delete("/v2/info/usage").status()).isEqualTo(404);
    }

    @Test
    void usageAnswersUnderEveryPublishedMinorVersion() {
        Api.as(people.anonymous).get("/versions").json().get("versions").forEach(version -> {
            String id = version.get("id").asText();
            ApiResponse response = Api.as(people.readerA).get("/" + id + "/info/usage");
            assertThat(response.status()).as("%s: %s", id, response).isEqualTo(200);
        });
    }
}
