package org.glance4j.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.glance4j.ports.model.RequestContext;

/**
 * {@link AuthMode#KEYSTONE}: validates {@code X-Auth-Token} (and {@code X-Service-Token}, when sent) against
 * Keystone v3 and builds the caller from what Keystone says: user, project, domain, roles, system scope and the
 * service token's user, project and roles. Validations are kept in a {@link TokenCache}, so a token seen again is
 * served without a call to Keystone until {@code token_cache_time} has passed, and never past its expiry; a token
 * Keystone refused is likewise refused again without a call for {@code token_cache_time}, so a flood of bogus
 * tokens does not become a flood of calls to Keystone.
 *
 * <p>A missing, unknown, expired or revoked token is 401 with {@code WWW-Authenticate: Keystone uri="..."}, as is a
 * service token that is not valid, or lacks the service roles when they are required. As with keystonemiddleware,
 * a valid service token with one of the service roles lets an expired user token through (Keystone validates it
 * with {@code allow_expired}), so that a service can finish what a user started. Keystone that cannot answer is
 * 503 naming the identity service.
 */
final class KeystoneIdentity implements Identity {
    private static final System.Logger LOG = System.getLogger(KeystoneIdentity.class.getName());
    private static final HttpString AUTH_TOKEN = new HttpString("X-Auth-Token");
    private static final HttpString SERVICE_TOKEN = new HttpString("X-Service-Token");
    /** Stands for a token Keystone refused, in the cache of refusals. */
    private static final KeystoneToken REFUSED =
            new KeystoneToken(null, null, null, null, null, null, Set.of(), Instant.MAX);

    private final TrustedHeadersIdentity requestIds = new TrustedHeadersIdentity();
    private final KeystoneSettings settings;
    private final KeystoneClient keystone;
    private final TokenCache cache;
    private final TokenCache refused;
    /** Validations made with {@code allow_expired}, kept for {@code token_cache_time} even past expiry. */
    private final TokenCache allowedExpired;

    private final TokenCache refusedExpired;
    private final Map<String, String> challenge;

    KeystoneIdentity(KeystoneSettings settings) {
        this(settings, Clock.systemUTC());
    }

    KeystoneIdentity(KeystoneSettings settings, Clock clock) {
        this.settings = settings;
        this.keystone = new KeystoneClient(settings, clock);
        this.cache = new TokenCache(clock, settings.tokenCacheTime(), settings.cacheSize());
        this.refused = new TokenCache(clock, settings.tokenCacheTime(), settings.cacheSize());
        this.allowedExpired = TokenCache.ignoringExpiry(clock, settings.tokenCacheTime(), settings.cacheSize());
        this.refusedExpired = new TokenCache(clock, settings.tokenCacheTime(), settings.cacheSize());
        this.challenge = Map.of("WWW-Authenticate", "Keystone uri=\"" + settings.wwwAuthenticateUri() + "\"");
    }

    @Override
    public String requestId(HttpServerExchange exchange) {
        return requestIds.requestId(exchange);
    }

    @Override
    public RequestContext context(HttpServerExchange exchange, String requestId) {
        String userHeader = exchange.getRequestHeaders().getFirst(AUTH_TOKEN);
        if (userHeader == null || userHeader.isBlank()) {
            throw unauthorized();
        }
        String serviceHeader = exchange.getRequestHeaders().getFirst(SERVICE_TOKEN);
        KeystoneToken service = serviceHeader == null ? null : validated(serviceHeader, false);
        boolean serviceRole = service != null && hasServiceRole(service);
        if (service != null && !serviceRole) {
            if (settings.serviceTokenRolesRequired()) {
                throw unauthorized();
            }
            LOG.log(
                    System.Logger.Level.WARNING,
                    "A service token without any of the roles " + settings.serviceTokenRoles()
                            + " was accepted (service_token_roles_required is false)");
        }
        KeystoneToken user = validated(userHeader, serviceRole);
        RequestContext.TokenDetails details = new RequestContext.TokenDetails(
                user.userDomainId(),
                user.projectDomainId(),
                user.domainId(),
                user.systemScope(),
                service == null ? null : service.userId(),
                service == null ? null : service.projectId(),
                service == null ? Set.of() : service.roles());
        return new RequestContext(requestId, user.userId(), user.projectId(), user.roles(), null, details);
    }

    /**
     * What Keystone says of {@code token}, from the caches when they know it. With {@code allowExpired} (a valid
     * service token with a service role came with it) an expired token is accepted too.
     */
    private KeystoneToken validated(String token, boolean allowExpired) {
        if (token == null || token.isBlank()) {
            throw unauthorized();
        }
        token = token.strip();
        KeystoneToken known = cache.get(token);
        if (known != null) {
            return known;
        }
        if (allowExpired) {
            known = allowedExpired.get(token);
            if (known != null) {
                return known;
            }
        }
        TokenCache refusals = allowExpired ? refusedExpired : refused;
        if (refusals.get(token) != null) {
            throw unauthorized();
        }
        KeystoneToken fresh = keystone.validate(token, allowExpired);
        if (fresh == null) {
            refusals.put(token, REFUSED);
            throw unauthorized();
        }
        cache.put(token, fresh);
        if (allowExpired) {
            allowedExpired.put(token, fresh);
        }
        return fresh;
    }

    private boolean hasServiceRole(KeystoneToken service) {
        for (String wanted : settings.serviceTokenRoles()) {
            for (String role : service.roles()) {
                if (role.equalsIgnoreCase(wanted)) {
                    return true;
                }
            }
        }
        return false;
    }

    private HttpFailure unauthorized() {
        return new HttpFailure(HttpStatus.UNAUTHORIZED, TrustedHeadersIdentity.UNAUTHORIZED_MESSAGE, challenge);
    }
}
