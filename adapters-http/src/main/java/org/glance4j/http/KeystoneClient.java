package org.glance4j.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.glance4j.ports.error.GlanceException;

/**
 * Talks to Keystone v3 as keystonemiddleware's auth_token does: it authenticates the service with its password to
 * get a token of its own ({@code POST /v3/auth/tokens}), and validates a caller's token with it
 * ({@code GET /v3/auth/tokens} with {@code X-Auth-Token} and {@code X-Subject-Token}). The service token is kept
 * until shortly before it expires, and fetched again when Keystone rejects it.
 *
 * <p>Every call waits at most the connect timeout for a connection and again for the answer; a call that cannot
 * connect (or whose connection broke before an answer) is tried {@code http_request_max_retries} more times. Keystone that cannot be reached, that does not
 * answer in time or that answers with an error is a {@link GlanceException} of category {@code UNAVAILABLE}
 * naming the identity service.
 */
final class KeystoneClient {
    static final String UNAVAILABLE_MESSAGE = "The identity service (Keystone) is unavailable";

    private static final System.Logger LOG = System.getLogger(KeystoneClient.class.getName());

    private final KeystoneSettings settings;
    private final KeystoneSender keystone;
    private final URI tokens;
    private final OwnToken serviceToken;

    KeystoneClient(KeystoneSettings settings, Clock clock) {
        this.settings = settings;
        this.keystone = new KeystoneSender(
                settings.identityV3(), settings.connectTimeout(), settings.maxRetries(), KeystoneClient::unavailable);
        this.tokens = URI.create(settings.identityV3() + "/auth/tokens");
        this.serviceToken = new OwnToken(clock, this::authenticate);
    }

    /**
     * Validates a caller's token.
     *
     * @param allowExpired whether Keystone may accept a token that has expired (within its
     *                     {@code allow_expired_window}), as keystonemiddleware asks beside a valid service token
     * @return what Keystone says of it, or {@code null} when Keystone says it is not valid (unknown, expired,
     *         revoked)
     * @throws GlanceException {@code UNAVAILABLE} when Keystone cannot say
     */
    KeystoneToken validate(String subjectToken, boolean allowExpired) {
        URI validation = URI.create(tokens + (allowExpired ? "?nocatalog&allow_expired=1" : "?nocatalog"));
        HttpResponse<byte[]> response =
                keystone.getWithOwnToken(validation, serviceToken, "X-Subject-Token", subjectToken);
        return switch (response.statusCode()) {
            case 200 -> parse(response.body());
            case 404 -> null;
            case 401 -> throw unavailable("Keystone rejects glance4j's own credentials", null);
            default -> throw unavailable("token validation answered " + response.statusCode(), null);
        };
    }

    private OwnToken.Issued authenticate() {
        Map<String, Object> body = Map.of(
                "auth",
                Map.of(
                        "identity",
                                Map.of(
                                        "methods",
                                        new String[] {"password"},
                                        "password",
                                        Map.of(
                                                "user",
                                                Map.of(
                                                        "name",
                                                        settings.username(),
                                                        "password",
                                                        settings.password(),
                                                        "domain",
                                                        Map.of("name", settings.userDomainName())))),
                        "scope",
                                Map.of(
                                        "project",
                                        Map.of(
                                                "name",
                                                settings.projectName(),
                                                "domain",
                                                Map.of("name", settings.projectDomainName())))));
        byte[] json;
        try {
            json = Json.MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest request = keystone.request(URI.create(tokens + "?nocatalog"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build();
        HttpResponse<byte[]> response = keystone.send(request);
        String value = response.headers().firstValue("X-Subject-Token").orElse(null);
        if (response.statusCode() != 201 || value == null) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "glance4j could not authenticate to Keystone as " + settings.username() + " (status "
                            + response.statusCode() + "): check [keystone_authtoken]");
            throw unavailable("service authentication answered " + response.statusCode(), null);
        }
        return new OwnToken.Issued(value, parse(response.body()).expiresAt());
    }

    private static KeystoneToken parse(byte[] body) {
        try {
            JsonNode token = Json.MAPPER.readTree(body).path("token");
            Set<String> roles = new HashSet<>();
            for (JsonNode role : token.path("roles")) {
                roles.add(role.path("name").asText());
            }
            JsonNode system = token.path("system");
            String systemScope = system.path("all").asBoolean(false) ? "all" : null;
            return new KeystoneToken(
                    text(token.path("user").path("id")),
                    text(token.path("user").path("domain").path("id")),
                    text(token.path("project").path("id")),
                    text(token.path("project").path("domain").path("id")),
                    text(token.path("domain").path("id")),
                    systemScope,
                    roles,
                    Instant.parse(token.path("expires_at").asText()));
        } catch (IOException | DateTimeParseException e) {
            throw unavailable("Keystone's answer does not parse", e);
        }
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static GlanceException unavailable(String why, Throwable cause) {
        LOG.log(System.Logger.Level.WARNING, UNAVAILABLE_MESSAGE + ": " + why);
        return GlanceException.unavailable(UNAVAILABLE_MESSAGE + ".", cause);
    }
}
