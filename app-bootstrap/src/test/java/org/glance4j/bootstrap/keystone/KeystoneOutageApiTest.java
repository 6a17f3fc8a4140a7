package org.glance4j.bootstrap.keystone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * glance4j against a Keystone instance whose tokens live {@link KeystoneServer#SHORT_EXPIRATION_SECONDS} seconds and
 * which the test stops, freezes and starts again: an expired token is refused although its validation is still cached, a stopped
 * or frozen Keystone is 503 naming the identity service, and glance4j recovers by itself when Keystone is back.
 */
@ExtendWith(KeystoneServer.class)
class KeystoneOutageApiTest {
    @TempDir
    static Path dir;

    private static KeystoneGlance glance;
    private static KeystoneServer.Running keystone;
    private static KeystoneServer.Instance shortLived;

    @BeforeAll
    static void start() throws Exception {
        keystone = KeystoneServer.get();
        shortLived = keystone.secondary();
        glance = KeystoneGlance.start(
                dir.resolve("glance"), shortLived.url(), "token_cache_time = 3600", "http_request_max_retries = 1");
    }

    @AfterAll
    static void stop() throws Exception {
        if (glance != null) {
            glance.close();
        }
        if (shortLived != null) {
            shortLived.start();
        }
    }

    @Test
    void anExpiredTokenIs401AtOnceAfterItsExpiryAlthoughItsValidationIsCached() throws Exception {
        String token = keystone.token(shortLived.url(), "demo-member", "demo");
        Instant expiresAt = keystone.expiresAt(token);
        assertThat(glance.call("GET", "/v2/images", token, null).status()).isEqualTo(200);
        // token_cache_time is an hour: only the token's own expires_at can end its cached validation
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(KeystoneServer.SHORT_EXPIRATION_SECONDS + 60);
        while (!Instant.now().isAfter(expiresAt) && System.nanoTime() < deadline) {
            int status = glance.call("GET", "/v2/images", token, null).status();
            if (Instant.now().isBefore(expiresAt)) {
                assertThat(status)
                        .as("answered before expires_at %s", expiresAt)
                        .isEqualTo(200);
            }
            KeystoneAuthApiTest.pause();
        }
        assertThat(Instant.now()).isAfter(expiresAt);
        KeystoneGlance.Answer expired = glance.call("GET", "/v2/images", token, null);
        assertThat(expired.status())
                .as("the first request after expires_at %s", expiresAt)
                .isEqualTo(401);
        assertThat(expired.headers().firstValue("WWW-Authenticate"))
                .hasValue("Keystone uri=\"" + shortLived.url() + "\"");
    }

    /**
     * keystonemiddleware validates the user's token with {@code allow_expired} when a valid service token with one
     * of {@code service_token_roles} comes with it, so that a service (Nova uploading a snapshot) can finish what a
     * user started after the user's token expired; without such a service token the expired token is refused.
     */
    @Test
    void anExpiredUserTokenIsAcceptedBesideAValidServiceToken() throws Exception {
        String token = keystone.token(shortLived.url(), "demo-member", "demo");
        Instant expiresAt = keystone.expiresAt(token);
        String id = glance.create(
                token, Map.of("name", "finished-by-a-service", "disk_format", "raw", "container_format", "bare"));
        String service = keystone.token("nova", "service");
        String notAService = keystone.token("demo-reader", "demo");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(KeystoneServer.SHORT_EXPIRATION_SECONDS + 60);
        while (!Instant.now().isAfter(expiresAt) && System.nanoTime() < deadline) {
            KeystoneAuthApiTest.pause();
        }
        assertThat(Instant.now()).isAfter(expiresAt);
        assertThat(glance.call("GET", "/v2/images/" + id, token, null).status()).isEqualTo(401);

        KeystoneGlance.Answer withService =
                glance.call("GET", "/v2/images/" + id, Map.of("X-Auth-Token", token, "X-Service-Token", service), null);
        assertThat(withService.status()).as("%s", withService.body()).isEqualTo(200);
        assertThat(withService.json().path("owner").asText()).isEqualTo(keystone.projectId("demo"));
        assertThat(glance.call(
                                "PUT",
                                "/v2/images/" + id + "/file",
                                Map.of("X-Auth-Token", token, "X-Service-Token", service),
                                "late bytes".getBytes())
                        .status())
                .as("the upload a service finishes for the user")
                .isEqualTo(204);

        assertThat(glance.call(
                                "GET",
                                "/v2/images/" + id,
                                Map.of("X-Auth-Token", token, "X-Service-Token", notAService),
                                null)
                        .status())
                .as("a service token without the service role allows no expired user token")
                .isEqualTo(401);
        assertThat(glance.call("GET", "/v2/images/" + id, token, null).status())
                .as("and alone the expired token stays refused")
                .isEqualTo(401);
    }

    @Test
    void aKeystoneThatHangsIs503AfterTheTimeoutNotAHungRequest() throws Exception {
        String uncached = keystone.token("alt-member", "alt_demo");
        shortLived.suspend();
        KeystoneGlance.Answer hung;
        try {
            // the client's own timeout (120 s) only guards the test; glance4j gives up after http_connect_timeout
            hung = glance.call("GET", "/v2/images", uncached, null);
        } finally {
            shortLived.resume();
        }
        assertThat(hung.status()).isEqualTo(503);
        assertThat(hung.body()).contains("identity service (Keystone) is unavailable");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int status;
        do {
            status = glance.call("GET", "/v2/images", uncached, null).status();
        } while (status != 200 && System.nanoTime() < deadline && KeystoneAuthApiTest.pause());
        assertThat(status).as("once Keystone answers again").isEqualTo(200);
    }

    @Test
    void aStoppedKeystoneIs503NamingTheIdentityServiceAndGlanceRecoversWhenItIsBack() throws Exception {
        String before = keystone.token("demo-member", "demo");
        assertThat(glance.call("GET", "/v2/images", before, null).status()).isEqualTo(200);
        String uncached = keystone.token("demo-reader", "demo");
        shortLived.stop();
        try {
            KeystoneGlance.Answer down = glance.call("GET", "/v2/images", uncached, null);
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.body()).contains("identity service (Keystone) is unavailable");
            assertThat(glance.call("GET", "/v2/images", before, null).status())
                    .as("a token validated before the outage is still served from the cache")
                    .isEqualTo(200);
        } finally {
            shortLived.start();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int status;
        do {
            status = glance.call("GET", "/v2/images", uncached, null).status();
        } while (status != 200 && System.nanoTime() < deadline && KeystoneAuthApiTest.pause());
        assertThat(status).as("after Keystone is back").isEqualTo(200);
    }
}
