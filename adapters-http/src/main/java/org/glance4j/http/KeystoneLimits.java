package org.glance4j.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.ProjectLimits;

/**
 * Glance's unified limits read from Keystone as oslo.limit reads them: glance4j authenticates with the
 * {@code [oslo_limit]} credentials, learns the service and region of its endpoint ({@code GET /v3/endpoints/{id}},
 * or a look-up by service type or name, region and interface), and reads the registered limits
 * ({@code GET /v3/registered_limits}) and the project's limits ({@code GET /v3/limits?project_id=}) of that service
 * and region. A project limit wins over the registered limit of the same resource.
 *
 * <p>Unlike oslo.limit, which asks Keystone at every check, what was read is used for
 * {@link KeystoneLimitsSettings#cacheTime()} (the registered limits once, each project's limits apart; at most
 * {@value #MAX_CACHED_PROJECTS} projects kept), so a limit changed in Keystone applies after at most that long.
 *
 * <p>Every call waits at most the timeout to connect and again for the answer; a call that could not connect is
 * tried {@code connect_retries} more times. A Keystone that cannot be reached, answers late or with an error, or
 * refuses the credentials, is a {@link GlanceException} of category {@code UNAVAILABLE}.
 */
public final class KeystoneLimits implements ProjectLimits {
    static final String UNAVAILABLE_MESSAGE = "The unified limits of the identity service (Keystone) cannot be read";
    static final int MAX_CACHED_PROJECTS = 1000;

    private static final System.Logger LOG = System.getLogger(KeystoneLimits.class.getName());

    private final KeystoneLimitsSettings settings;
    private final Clock clock;
    private final KeystoneSender keystone;
    private final URI v3;
    private final OwnToken token;
    private volatile Endpoint endpoint;
    private volatile Cached registered;
    private final Map<String, Cached> projects = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > MAX_CACHED_PROJECTS;
        }
    };

    /** The service and region the limits are registered for. */
    private record Endpoint(String serviceId, String regionId) {}

    private record Cached(Map<String, Long> limits, Instant readAt) {}

    public KeystoneLimits(KeystoneLimitsSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.v3 = settings.identityV3();
        this.keystone =
                new KeystoneSender(v3, settings.timeout(), settings.connectRetries(), KeystoneLimits::unavailable);
        this.token = new OwnToken(clock, this::authenticate);
    }

    /**
     * Finds glance4j's endpoint in Keystone, as at start.
     *
     * @throws IllegalStateException naming the {@code [oslo_limit]} option when Keystone does not know the endpoint
     *                               (or a look-up finds none or several)
     * @throws GlanceException       {@code UNAVAILABLE} when Keystone cannot be asked now (the look-up is then tried
     *                               again at the first check)
     */
    public void resolveEndpoint() {
        endpoint();
    }

    @Override
    public Map<String, Long> limitsOf(String projectId, Collection<String> resourceNames) {
        try {
            return lookUp(projectId, resourceNames);
        } catch (IllegalStateException e) {
            // the endpoint looked up late (Keystone was down at start) is not there: the operator must act
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
            throw unavailable(e.getMessage(), e);
        }
    }

    private Map<String, Long> lookUp(String projectId, Collection<String> resourceNames) {
        Map<String, Long> defaults = registeredLimits();
        Map<String, Long> own = projectId == null ? Map.of() : projectLimits(projectId);
        Map<String, Long> answer = new HashMap<>();
        for (String name : resourceNames) {
            Long limit = own.containsKey(name) ? own.get(name) : defaults.get(name);
            if (limit != null) {
                answer.put(name, limit);
            }
        }
        return answer;
    }

    private Map<String, Long> registeredLimits() {
        Cached current = registered;
        if (fresh(current)) {
            return current.limits();
        }
        Endpoint where = endpoint();
        Map<String, Long> read = readLimits("/registered_limits" + scope(where), "registered_limits", "default_limit");
        registered = new Cached(read, clock.instant());
        return read;
    }

    private Map<String, Long> projectLimits(String projectId) {
        synchronized (projects) {
            Cached current = projects.get(projectId);
            if (fresh(current)) {
                return current.limits();
            }
        }
        Endpoint where = endpoint();
        Map<String, Long> read =
                readLimits("/limits" + scope(where) + "&project_id=" + encode(projectId), "limits", "resource_limit");
        synchronized (projects) {
            projects.put(projectId, new Cached(read, clock.instant()));
        }
        return read;
    }

    private boolean fresh(Cached cached) {
        return cached != null && clock.instant().isBefore(cached.readAt().plus(settings.cacheTime()));
    }

    private static String scope(Endpoint where) {
        return "?service_id=" + encode(where.serviceId())
                + (where.regionId() == null ? "" : "&region_id=" + encode(where.regionId()));
    }

    private Map<String, Long> readLimits(String path, String listName, String valueName) {
        JsonNode list = get(path).path(listName);
        Map<String, Long> limits = new HashMap<>();
        for (JsonNode limit : list) {
            limits.put(
                    limit.path("resource_name").asText(), limit.path(valueName).asLong());
        }
        return limits;
    }

    private Endpoint endpoint() {
        Endpoint known = endpoint;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (endpoint == null) {
                endpoint = settings.endpointId() != null ? endpointById() : endpointByLookup();
                LOG.log(
                        System.Logger.Level.INFO,
                        "unified limits of service " + endpoint.serviceId() + " in region " + endpoint.regionId()
                                + " read from Keystone at " + v3);
            }
            return endpoint;
        }
    }

    private Endpoint endpointById() {
        JsonNode found = getOrNull("/endpoints/" + encode(settings.endpointId()));
        if (found == null) {
            throw new IllegalStateException("[oslo_limit] endpoint_id = " + settings.endpointId() + ": Keystone at "
                    + v3 + " has no such endpoint (openstack endpoint list --service image shows the ids)");
        }
        JsonNode endpoint = found.path("endpoint");
        return new Endpoint(endpoint.path("service_id").asText(), text(endpoint.path("region_id")));
    }

    private Endpoint endpointByLookup() {
        StringBuilder services = new StringBuilder("/services?");
        if (settings.endpointServiceType() != null) {
            services.append("type=")
                    .append(encode(settings.endpointServiceType()))
                    .append('&');
        }
        if (settings.endpointServiceName() != null) {
            services.append("name=").append(encode(settings.endpointServiceName()));
        }
        JsonNode found = get(services.toString()).path("services");
        if (found.size() != 1) {
            throw new IllegalStateException("[oslo_limit] endpoint_service_type/endpoint_service_name: Keystone at "
                    + v3 + " has " + found.size() + " such services; set [oslo_limit] endpoint_id");
        }
        String serviceId = found.get(0).path("id").asText();
        String interfaceName = settings.endpointInterface().replace("URL", "");
        StringBuilder query = new StringBuilder("/endpoints?service_id=")
                .append(encode(serviceId))
                .append("&interface=")
                .append(encode(interfaceName));
        if (settings.endpointRegionName() != null) {
            query.append("&region_id=").append(encode(settings.endpointRegionName()));
        }
        JsonNode endpoints = get(query.toString()).path("endpoints");
        if (endpoints.size() != 1) {
            throw new IllegalStateException("[oslo_limit] endpoint_service_type/endpoint_region_name/"
                    + "endpoint_interface: Keystone at " + v3 + " has " + endpoints.size() + " matching endpoints; "
                    + "set [oslo_limit] endpoint_id");
        }
        return new Endpoint(serviceId, text(endpoints.get(0).path("region_id")));
    }

    private JsonNode get(String path) {
        JsonNode answer = getOrNull(path);
        if (answer == null) {
            throw unavailable("GET " + path + " answered 404", null);
        }
        return answer;
    }

    /** A GET with glance4j's own token, once more with a fresh token when Keystone rejects it; null for a 404. */
    private JsonNode getOrNull(String path) {
        HttpResponse<byte[]> response = keystone.getWithOwnToken(URI.create(v3 + path), token);
        switch (response.statusCode()) {
            case 200:
                return parse(response.body());
            case 404:
                return null;
            case 401:
                throw unavailable("Keystone rejects the [oslo_limit] credentials", null);
            case 403:
                LOG.log(
                        System.Logger.Level.ERROR,
                        "Keystone does not let the [oslo_limit] user read " + path
                                + ": give it the reader role on the system (system_scope = all) or the project");
                throw unavailable("GET " + path + " answered 403", null);
            default:
                throw unavailable("GET " + path + " answered " + response.statusCode(), null);
        }
    }

    private OwnToken.Issued authenticate() {
        HttpRequest request = keystone.request(URI.create(v3 + "/auth/tokens?nocatalog"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(authBody()))
                .build();
        HttpResponse<byte[]> response = keystone.send(request);
        String value = response.headers().firstValue("X-Subject-Token").orElse(null);
        if (response.statusCode() != 201 || value == null) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "glance4j could not authenticate to Keystone with the [oslo_limit] " + "credentials (status "
                            + response.statusCode() + ")");
            throw unavailable("authentication answered " + response.statusCode(), null);
        }
        try {
            return new OwnToken.Issued(
                    value,
                    Instant.parse(parse(response.body())
                            .path("token")
                            .path("expires_at")
                            .asText()));
        } catch (DateTimeParseException e) {
            throw unavailable("Keystone's token has no expiry", e);
        }
    }

    private byte[] authBody() {
        ObjectNode auth = Json.MAPPER.createObjectNode();
        ObjectNode identity = auth.putObject("auth").putObject("identity");
        identity.putArray("methods").add("password");
        ObjectNode user = identity.putObject("password").putObject("user");
        if (settings.userId() != null) {
            user.put("id", settings.userId());
        } else {
            user.put("name", settings.username());
            domain(user, settings.userDomainId(), settings.userDomainName());
        }
        user.put("password", settings.password());
        ObjectNode scope = ((ObjectNode) auth.get("auth")).putObject("scope");
        if (settings.systemScope() != null) {
            scope.putObject("system").put(settings.systemScope(), true);
        } else if (settings.projectId() != null) {
            scope.putObject("project").put("id", settings.projectId());
        } else if (settings.projectName() != null) {
            ObjectNode project = scope.putObject("project").put("name", settings.projectName());
            domain(project, settings.projectDomainId(), settings.projectDomainName());
        } else {
            ((ObjectNode) auth.get("auth")).remove("scope");
        }
        try {
            return Json.MAPPER.writeValueAsBytes(auth);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void domain(ObjectNode owner, String id, String name) {
        if (id != null) {
            owner.putObject("domain").put("id", id);
        } else {
            owner.putObject("domain").put("name", name == null ? "Default" : name);
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw unavailable("Keystone's answer does not parse", e);
        }
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static GlanceException unavailable(String why, Throwable cause) {
        LOG.log(System.Logger.Level.WARNING, UNAVAILABLE_MESSAGE + ": " + why);
        return GlanceException.unavailable(UNAVAILABLE_MESSAGE + ".", cause);
    }
}
