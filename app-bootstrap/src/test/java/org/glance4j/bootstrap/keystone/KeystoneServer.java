package org.glance4j.bootstrap.keystone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.glance4j.ports.testing.RequiredTool;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real OpenStack Keystone (Debian's {@code keystone} package, Zed) under uWSGI on a free loopback port, with
 * SQLite (WAL) and Fernet keys in a temporary directory, started once per test JVM and stopped when the run ends.
 * It is provisioned through Keystone's own API: roles admin, member, reader and service; projects
 * {@code service}, {@code demo} and {@code alt_demo}; users {@code glance} and {@code glance-alt} (admin and service
 * on {@code service}), {@code nova} (service on {@code service}),
 * {@code demo-member}, {@code demo-reader}, {@code demo-admin} and {@code alt-member}, each with the password
 * {@code <name>-pass}.
 *
 * <p>A second uWSGI ({@link #secondary()}) can serve the same database and keys with a short token lifetime, and
 * can be stopped and started again without disturbing the first.
 *
 * <p>When the programs are missing, the tests are aborted locally but fail under {@code CI=true}, where
 * {@code .ci/run} installs them.
 */
public final class KeystoneServer implements BeforeAllCallback {
    public static final String ADMIN_PASSWORD = "keystone-admin-pass";
    /** Lifetime of the tokens the secondary instance issues. */
    public static final int SHORT_EXPIRATION_SECONDS = 20;

    private static final String WSGI = "/usr/bin/keystone-wsgi-public";
    private static final String PLUGIN = "/usr/lib/uwsgi/plugins/python3_plugin.so";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Running running;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (KeystoneServer.class) {
            if (running == null) {
                RequiredTool.require(
                        "Keystone",
                        "keystone uwsgi-core uwsgi-plugin-python3",
                        "keystone-manage",
                        "uwsgi",
                        "python3",
                        WSGI,
                        PLUGIN);
                running = Running.start();
                context.getRoot()
                        .getStore(ExtensionContext.Namespace.GLOBAL)
                        .put(KeystoneServer.class.getName(), (ExtensionContext.Store.CloseableResource)
                                () -> running.close());
            }
        }
    }

    /** The running Keystone; only inside a test class extended with this extension. */
    public static Running get() {
        return running;
    }

    static Path find(String program) {
        return RequiredTool.find(program).orElse(null);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** One uWSGI serving Keystone from a configuration file. */
    public static final class Instance {
        private final Path root;
        private final Path config;
        private final String name;
        private final int port;
        private Process process;

        Instance(Path root, Path config, String name, int port) {
            this.root = root;
            this.config = config;
            this.name = name;
            this.port = port;
        }

        /** {@code http://127.0.0.1:PORT}, without {@code /v3}. */
        public URI url() {
            return URI.create("http://127.0.0.1:" + port);
        }

        /** Starts uWSGI and waits until {@code GET /v3} answers 200. */
        public synchronized void start() throws Exception {
            if (process != null && process.isAlive()) {
                return;
            }
            Path log = root.resolve(name + "-uwsgi.log");
            process = new ProcessBuilder(
                            find("uwsgi").toString(),
                            "--plugin",
                            "python3",
                            "--http11-socket",
                            "127.0.0.1:" + port,
                            "--wsgi-file",
                            WSGI,
                            "--env",
                            "OS_KEYSTONE_CONFIG_FILES=" + config,
                            "--master",
                            "--processes",
                            "1",
                            "--threads",
                            "4",
                            "--die-on-term",
                            "--need-app",
                            "--lazy-apps",
                            "--buffer-size",
                            "65535")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Keystone (uWSGI) exited: see " + log);
                }
                try {
                    HttpResponse<Void> response = http.send(
                            HttpRequest.newBuilder(URI.create(url() + "/v3"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
            stop();
            throw new IllegalStateException("Keystone did not answer GET /v3 within 120 s: see " + log);
        }

        /**
         * Freezes uWSGI and its workers (SIGSTOP): connections are still accepted by the kernel, but nothing
         * answers, as with a Keystone that hangs.
         */
        public synchronized void suspend() throws Exception {
            signal("-STOP");
        }

        /** Lets a {@link #suspend() suspended} uWSGI run again (SIGCONT). */
        public synchronized void resume() throws Exception {
            signal("-CONT");
        }

        private void signal(String signal) throws Exception {
            List<String> command = new ArrayList<>(List.of("kill", signal, String.valueOf(process.pid())));
            process.descendants().forEach(worker -> command.add(String.valueOf(worker.pid())));
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        }

        /** Stops uWSGI (TERM, then KILL) and waits until it is gone. */
        public synchronized void stop() throws InterruptedException {
            if (process == null) {
                return;
            }
            List<ProcessHandle> workers = process.descendants().toList();
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            for (ProcessHandle worker : workers) {
                worker.destroyForcibly();
            }
            process = null;
        }
    }

    /** The running Keystone and what it was provisioned with. */
    public static final class Running {
        private final Path root;
        private final Instance primary;
        private Instance secondary;
        private final Map<String, String> projectIds = new LinkedHashMap<>();
        private final Map<String, String> userIds = new LinkedHashMap<>();
        private final Map<String, String> roleIds = new LinkedHashMap<>();
        private final HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        private Running(Path root, Instance primary) {
            this.root = root;
            this.primary = primary;
        }

        static Running start() throws Exception {
            Path root = Files.createTempDirectory("glance4j-keystone-");
            Path config = writeConfig(root, "keystone.conf", 7200);
            String user = System.getProperty("user.name");
            String group = new String(new ProcessBuilder("id", "-gn")
                            .start()
                            .getInputStream()
                            .readAllBytes())
                    .strip();
            int port = freePort();
            String url = "http://127.0.0.1:" + port;
            manage(root, config, "fernet_setup", "--keystone-user", user, "--keystone-group", group);
            manage(root, config, "credential_setup", "--keystone-user", user, "--keystone-group", group);
            manage(root, config, "db_sync");
            // Keystone's threads under uWSGI keep read transactions open; only WAL lets writers through then.
            run(
                    root,
                    find("python3").toString(),
                    "-c",
                    "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]);"
                            + " c.execute('PRAGMA journal_mode=WAL'); c.close()",
                    root.resolve("keystone.db").toString());
            manage(
                    root,
                    config,
                    "bootstrap",
                    "--bootstrap-password",
                    ADMIN_PASSWORD,
                    "--bootstrap-username",
                    "admin",
                    "--bootstrap-project-name",
                    "admin",
                    "--bootstrap-role-name",
                    "admin",
                    "--bootstrap-service-name",
                    "keystone",
                    "--bootstrap-region-id",
                    "RegionOne",
                    "--bootstrap-admin-url",
                    url,
                    "--bootstrap-internal-url",
                    url,
                    "--bootstrap-public-url",
                    url);
            Instance primary = new Instance(root, config, "primary", port);
            Running running = new Running(root, primary);
            try {
                primary.start();
                running.provision();
            } catch (Exception | Error e) {
                running.close();
                throw e;
            }
            return running;
        }

        private static Path writeConfig(Path root, String name, int expiration) throws IOException {
            Path config = root.resolve(name);
            Files.writeString(
                    config,
                    String.join(
                            "\n",
                            "[DEFAULT]",
                            "log_file = " + root.resolve(name + ".log"),
                            "debug = false",
                            "[database]",
                            "connection = sqlite:///" + root.resolve("keystone.db") + "?check_same_thread=false",
                            "[fernet_tokens]",
                            "key_repository = " + root.resolve("fernet-keys"),
                            "[fernet_receipts]",
                            "key_repository = " + root.resolve("fernet-keys"),
                            "[credential]",
                            "key_repository = " + root.resolve("credential-keys"),
                            "[token]",
                            "provider = fernet",
                            "expiration = " + expiration,
                            // bcrypt's cheapest cost: every user created and every token issued hashes a password, and
                            // tempest creates users and takes tokens for each of its test classes
                            "[identity]",
                            "password_hash_rounds = 4",
                            "[cache]",
                            "enabled = true",
                            "backend = dogpile.cache.memory",
                            "[oslo_policy]",
                            "enforce_scope = false",
                            "enforce_new_defaults = false",
                            ""));
            return config;
        }

        private static void manage(Path root, Path config, String... args) throws Exception {
            List<String> command =
                    new ArrayList<>(List.of(find("keystone-manage").toString(), "--config-file", config.toString()));
            command.addAll(List.of(args));
            run(root, command.toArray(String[]::new));
        }

        private static void run(Path root, String... command) throws Exception {
            Files.createDirectories(root.resolve("fernet-keys"));
            Files.createDirectories(root.resolve("credential-keys"));
            Path log = root.resolve("manage.log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: see " + log);
            }
        }

        /** Keystone's root URL, without {@code /v3}. */
        public URI url() {
            return primary.url();
        }

        /**
         * A second uWSGI on the same database and keys whose tokens live {@link #SHORT_EXPIRATION_SECONDS}
         * seconds; started on first use. Stop and start it freely.
         */
        public synchronized Instance secondary() throws Exception {
            if (secondary == null) {
                Path config = writeConfig(root, "keystone-short.conf", SHORT_EXPIRATION_SECONDS);
                secondary = new Instance(root, config, "secondary", freePort());
            }
            secondary.start();
            return secondary;
        }

        public String projectId(String name) {
            return projectIds.get(name);
        }

        public String userId(String name) {
            return userIds.get(name);
        }

        /** A project-scoped token of {@code user} (password {@code <user>-pass}) on {@code project}. */
        public String token(String user, String project) throws Exception {
            return token(url(), user, project);
        }

        /** A project-scoped token issued by the Keystone at {@code keystone}. */
        public String token(URI keystone, String user, String project) throws Exception {
            return issue(
                    keystone,
                    user,
                    password(user),
                    Map.of("project", Map.of("name", project, "domain", Map.of("id", "default"))));
        }

        /** A system-scoped ({@code system: all}) token of {@code admin}. */
        public String systemToken() throws Exception {
            return issue(url(), "admin", ADMIN_PASSWORD, Map.of("system", Map.of("all", true)));
        }

        /** A domain-scoped token of {@code admin} on the default domain. */
        public String domainToken() throws Exception {
            return issue(url(), "admin", ADMIN_PASSWORD, Map.of("domain", Map.of("id", "default")));
        }

        /** The {@code expires_at} Keystone gives {@code token} ({@code GET /v3/auth/tokens}). */
        public java.time.Instant expiresAt(String token) throws Exception {
            return java.time.Instant.parse(
                    body(call("GET", "/v3/auth/tokens", null, adminToken(), Map.of("X-Subject-Token", token)))
                            .path("token")
                            .path("expires_at")
                            .asText());
        }

        /** Revokes a token ({@code DELETE /v3/auth/tokens}). */
        public void revoke(String token) throws Exception {
            HttpResponse<String> response =
                    call("DELETE", "/v3/auth/tokens", null, adminToken(), Map.of("X-Subject-Token", token));
            if (response.statusCode() != 204) {
                throw new IllegalStateException("revoking a token answered " + response.statusCode());
            }
        }

        /** Disables a user and enables it again: Keystone revokes every token the user had. */
        public void revokeTokensOf(String user) throws Exception {
            String admin = adminToken();
            for (boolean enabled : new boolean[] {false, true}) {
                body(call(
                        "PATCH",
                        "/v3/users/" + userIds.get(user),
                        Map.of("user", Map.of("enabled", enabled)),
                        admin,
                        Map.of()));
            }
        }

        /**
         * Registers {@code url} as the public, internal and admin endpoint of the {@code image} service, replacing an
         * image service an earlier test registered (clients take the first one the catalog names).
         */
        public void registerImageService(String url) throws Exception {
            String admin = adminToken();
            for (JsonNode earlier : body(call("GET", "/v3/services?type=image", null, admin, Map.of()))
                    .path("services")) {
                HttpResponse<String> deleted =
                        call("DELETE", "/v3/services/" + earlier.path("id").asText(), null, admin, Map.of());
                if (deleted.statusCode() != 204) {
                    throw new IllegalStateException(
                            "deleting an earlier image service answered " + deleted.statusCode());
                }
            }
            JsonNode service = body(call(
                            "POST",
                            "/v3/services",
                            Map.of("service", Map.of("name", "glance", "type", "image", "enabled", true)),
                            admin,
                            Map.of()))
                    .path("service");
            for (String iface : new String[] {"public", "internal", "admin"}) {
                call(
                        "POST",
                        "/v3/endpoints",
                        Map.of(
                                "endpoint",
                                Map.of(
                                        "service_id",
                                        service.path("id").asText(),
                                        "interface",
                                        iface,
                                        "url",
                                        url,
                                        "region_id",
                                        "RegionOne",
                                        "enabled",
                                        true)),
                        admin,
                        Map.of());
            }
        }

        /** Creates a service of {@code type} named {@code name}; returns its id. */
        public String createService(String name, String type) throws Exception {
            return body(call(
                            "POST",
                            "/v3/services",
                            Map.of("service", Map.of("name", name, "type", type, "enabled", true)),
                            adminToken(),
                            Map.of()))
                    .path("service")
                    .path("id")
                    .asText();
        }

        /** Adds a public endpoint of {@code serviceId} in {@code region}; returns its id. */
        public String createEndpoint(String serviceId, String url, String region) throws Exception {
            return body(call(
                            "POST",
                            "/v3/endpoints",
                            Map.of(
                                    "endpoint",
                                    Map.of(
                                            "service_id",
                                            serviceId,
                                            "interface",
                                            "public",
                                            "url",
                                            url,
                                            "region_id",
                                            region,
                                            "enabled",
                                            true)),
                            adminToken(),
                            Map.of()))
                    .path("endpoint")
                    .path("id")
                    .asText();
        }

        /** {@code openstack registered limit create}: a default limit of a service's resource; returns its id. */
        public String createRegisteredLimit(String serviceId, String region, String resource, long limit)
                throws Exception {
            return body(call(
                            "POST",
                            "/v3/registered_limits",
                            Map.of(
                                    "registered_limits",
                                    List.of(Map.of(
                                            "service_id",
                                            serviceId,
                                            "region_id",
                                            region,
                                            "resource_name",
                                            resource,
                                            "default_limit",
                                            limit))),
                            adminToken(),
                            Map.of()))
                    .path("registered_limits")
                    .get(0)
                    .path("id")
                    .asText();
        }

        /** {@code openstack limit create}: a project's own limit of a service's resource; returns its id. */
        public String createProjectLimit(String serviceId, String region, String project, String resource, long limit)
                throws Exception {
            return body(call(
                            "POST",
                            "/v3/limits",
                            Map.of(
                                    "limits",
                                    List.of(Map.of(
                                            "service_id",
                                            serviceId,
                                            "region_id",
                                            region,
                                            "project_id",
                                            projectIds.get(project),
                                            "resource_name",
                                            resource,
                                            "resource_limit",
                                            limit))),
                            adminToken(),
                            Map.of()))
                    .path("limits")
                    .get(0)
                    .path("id")
                    .asText();
        }

        /** {@code openstack limit set --resource-limit}: changes a project limit. */
        public void updateProjectLimit(String limitId, long limit) throws Exception {
            body(call(
                    "PATCH",
                    "/v3/limits/" + limitId,
                    Map.of("limit", Map.of("resource_limit", limit)),
                    adminToken(),
                    Map.of()));
        }

        /** {@code openstack limit delete}. */
        public void deleteProjectLimit(String limitId) throws Exception {
            HttpResponse<String> response = call("DELETE", "/v3/limits/" + limitId, null, adminToken(), Map.of());
            if (response.statusCode() != 204) {
                throw new IllegalStateException("deleting limit " + limitId + " answered " + response.statusCode());
            }
        }

        public static String password(String user) {
            return user.equals("admin") ? ADMIN_PASSWORD : user + "-pass";
        }

        private String adminToken() throws Exception {
            return issue(
                    url(),
                    "admin",
                    ADMIN_PASSWORD,
                    Map.of("project", Map.of("name", "admin", "domain", Map.of("id", "default"))));
        }

        private String issue(URI keystone, String user, String password, Map<String, Object> scope) throws Exception {
            Map<String, Object> auth = Map.of(
                    "auth",
                    Map.of(
                            "identity",
                            Map.of(
                                    "methods",
                                    List.of("password"),
                                    "password",
                                    Map.of(
                                            "user",
                                            Map.of(
                                                    "name",
                                                    user,
                                                    "domain",
                                                    Map.of("id", "default"),
                                                    "password",
                                                    password))),
                            "scope",
                            scope));
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(keystone + "/v3/auth/tokens"))
                            .timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(auth)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException(
                        "token for " + user + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.headers().firstValue("X-Subject-Token").orElseThrow();
        }

        private void provision() throws Exception {
            String admin = adminToken();
            for (String role : new String[] {"admin", "member", "reader", "service"}) {
                roleIds.put(role, ensure(admin, "roles", "role", role, Map.of()));
            }
            for (String project : new String[] {"service", "demo", "alt_demo"}) {
                projectIds.put(
                        project,
                        ensure(
                                admin,
                                "projects",
                                "project",
                                project,
                                Map.of("domain_id", "default", "description", project)));
            }
            for (String user : new String[] {
                "glance", "glance-alt", "demo-member", "demo-reader", "demo-admin", "alt-member", "nova"
            }) {
                userIds.put(
                        user,
                        ensure(
                                admin,
                                "users",
                                "user",
                                user,
                                Map.of("domain_id", "default", "password", password(user), "enabled", true)));
            }
            String[][] grants = {
                {"glance", "service", "admin"},
                {"glance", "service", "service"},
                {"glance-alt", "service", "admin"},
                {"glance-alt", "service", "service"},
                {"nova", "service", "service"},
                {"demo-member", "demo", "member"},
                {"demo-member", "demo", "reader"},
                {"demo-reader", "demo", "reader"},
                {"demo-admin", "demo", "admin"},
                {"demo-admin", "demo", "member"},
                {"demo-admin", "demo", "reader"},
                {"alt-member", "alt_demo", "member"},
                {"alt-member", "alt_demo", "reader"}
            };
            for (String[] grant : grants) {
                HttpResponse<String> response = call(
                        "PUT",
                        "/v3/projects/" + projectIds.get(grant[1]) + "/users/" + userIds.get(grant[0]) + "/roles/"
                                + roleIds.get(grant[2]),
                        null,
                        admin,
                        Map.of());
                if (response.statusCode() != 204) {
                    throw new IllegalStateException(
                            "grant " + String.join(" ", grant) + " answered " + response.statusCode());
                }
            }
            String adminId = body(call("GET", "/v3/users?name=admin", null, admin, Map.of()))
                    .path("users")
                    .get(0)
                    .path("id")
                    .asText();
            for (String path : new String[] {
                "/v3/system/users/" + adminId + "/roles/" + roleIds.get("admin"),
                "/v3/domains/default/users/" + adminId + "/roles/" + roleIds.get("admin")
            }) {
                HttpResponse<String> response = call("PUT", path, null, admin, Map.of());
                if (response.statusCode() != 204) {
                    throw new IllegalStateException("PUT " + path + " answered " + response.statusCode());
                }
            }
        }

        private String ensure(String token, String kind, String singular, String name, Map<String, Object> attrs)
                throws Exception {
            JsonNode found = body(call("GET", "/v3/" + kind + "?name=" + name, null, token, Map.of()))
                    .path(kind);
            if (found.size() > 0) {
                return found.get(0).path("id").asText();
            }
            Map<String, Object> entity = new LinkedHashMap<>(attrs);
            entity.put("name", name);
            return body(call("POST", "/v3/" + kind, Map.of(singular, entity), token, Map.of()))
                    .path(singular)
                    .path("id")
                    .asText();
        }

        private HttpResponse<String> call(
                String method, String path, Object body, String token, Map<String, String> headers) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("X-Auth-Token", token)
                    .header("Content-Type", "application/json")
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            headers.forEach(request::header);
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        private static JsonNode body(HttpResponse<String> response) throws IOException {
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("Keystone answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        }

        void close() throws Exception {
            if (secondary != null) {
                secondary.stop();
            }
            primary.stop();
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
