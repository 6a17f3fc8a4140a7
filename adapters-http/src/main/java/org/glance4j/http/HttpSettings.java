package org.glance4j.http;

import java.util.Objects;
import java.util.Optional;

/**
 * How the HTTP server listens and authenticates.
 *
 * @param bindHost        the address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port            the TCP port; 0 asks for an ephemeral one (see {@link GlanceHttpServer#port()})
 * @param authMode        how callers are identified
 * @param noauthProjectId the project every request acts in under {@link AuthMode#NOAUTH}
 * @param noauthUserId    the user every request acts as under {@link AuthMode#NOAUTH}
 * @param ioThreads       Undertow I/O threads (non-blocking network work)
 * @param workerThreads   Undertow worker threads (the blocking calls into the services run there); transfers
 *                        (uploads, staging, downloads) run on threads of their own, see {@link ConnectionLimits}
 * @param connections     timeouts and the connection cap
 * @param keystone        where tokens are validated; required by {@link AuthMode#KEYSTONE}, unused otherwise
 */
public record HttpSettings(
        String bindHost,
        int port,
        AuthMode authMode,
        String noauthProjectId,
        String noauthUserId,
        int ioThreads,
        int workerThreads,
        ConnectionLimits connections,
        Optional<KeystoneSettings> keystone) {

    /** Settings with {@link ConnectionLimits#defaults()}. */
    public HttpSettings(
            String bindHost,
            int port,
            AuthMode authMode,
            String noauthProjectId,
            String noauthUserId,
            int ioThreads,
            int workerThreads) {
        this(
                bindHost,
                port,
                authMode,
                noauthProjectId,
                noauthUserId,
                ioThreads,
                workerThreads,
                ConnectionLimits.defaults());
    }

    /** Settings without Keystone. */
    public HttpSettings(
            String bindHost,
            int port,
            AuthMode authMode,
            String noauthProjectId,
            String noauthUserId,
            int ioThreads,
            int workerThreads,
            ConnectionLimits connections) {
        this(
                bindHost,
                port,
                authMode,
                noauthProjectId,
                noauthUserId,
                ioThreads,
                workerThreads,
                connections,
                Optional.empty());
    }

    public HttpSettings {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(authMode, "authMode");
        Objects.requireNonNull(noauthProjectId, "noauthProjectId");
        Objects.requireNonNull(noauthUserId, "noauthUserId");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(keystone, "keystone");
        if (authMode == AuthMode.KEYSTONE && keystone.isEmpty()) {
            throw new IllegalArgumentException("AuthMode.KEYSTONE needs KeystoneSettings");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        if (ioThreads < 1 || workerThreads < 1) {
            throw new IllegalArgumentException("ioThreads and workerThreads must be at least 1");
        }
    }

    /** Loopback, Glance's port 9292, no authentication, thread pools sized for the machine. */
    public static HttpSettings defaults() {
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        return new HttpSettings(
                "127.0.0.1",
                9292,
                AuthMode.NOAUTH,
                "noauth-project",
                "noauth-user",
                Math.max(2, cores),
                Math.max(16, cores * 8));
    }

    public HttpSettings withPort(int newPort) {
        return new HttpSettings(
                bindHost,
                newPort,
                authMode,
                noauthProjectId,
                noauthUserId,
                ioThreads,
                workerThreads,
                connections,
                keystone);
    }

    public HttpSettings withAuthMode(AuthMode mode) {
        return new HttpSettings(
                bindHost, port, mode, noauthProjectId, noauthUserId, ioThreads, workerThreads, connections, keystone);
    }

    public HttpSettings withConnections(ConnectionLimits limits) {
        return new HttpSettings(
                bindHost, port, authMode, noauthProjectId, noauthUserId, ioThreads, workerThreads, limits, keystone);
    }

    /** A copy that validates tokens against Keystone with these settings. */
    public HttpSettings withKeystone(KeystoneSettings settings) {
        return new HttpSettings(
                bindHost,
                port,
                AuthMode.KEYSTONE,
                noauthProjectId,
                noauthUserId,
                ioThreads,
                workerThreads,
                connections,
                Optional.of(settings));
    }
}
