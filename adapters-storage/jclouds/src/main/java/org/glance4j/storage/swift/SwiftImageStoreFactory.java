package org.glance4j.storage.swift;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.glance4j.ports.out.store.StoreOption;
import org.glance4j.ports.out.store.StoreOptions;
import org.glance4j.ports.out.store.StoreSection;
import org.glance4j.storage.jclouds.BlobStoreImageStoreFactory;
import org.glance4j.storage.jclouds.BlobStoreTarget;

/**
 * Builds {@code swift} stores ({@code enabled_backends = <id>:swift}) from glance_store's Swift options, given in
 * the store's own section (Glance's single-tenant options; {@code swift_store_config_file} references are not
 * read):
 * <ul>
 * <li>{@code swift_store_auth_address} (required): the auth URL; without a scheme {@code https://} is meant.
 * <li>{@code swift_store_user} (required; {@code <project>:<user>}, for TempAuth {@code <account>:<user>}),
 * {@code swift_store_key} (required).
 * <li>{@code swift_store_auth_version} ({@code 1} for TempAuth/swauth, {@code 2} or {@code 3} for Keystone;
 * default 3).
 * <li>{@code swift_store_container} (default {@code glance}); {@code swift_store_create_container_on_put}
 * (default false).
 * <li>{@code swift_store_large_object_size} (MiB, default 5120): larger writes go up as a static large object
 * (SLO) in segments of {@code swift_store_large_object_chunk_size} (MiB, default 200).
 * </ul>
 * Locations look like Glance's without the credentials:
 * {@code swift+http://<auth address without scheme>/<container>/<image id>}.
 */
public final class SwiftImageStoreFactory extends BlobStoreImageStoreFactory {
    /** The type name operators write in {@code enabled_backends}. */
    public static final String TYPE = "swift";

    public static final StoreOption AUTH_ADDRESS = StoreOption.required(
            "swift_store_auth_address",
            "Auth URL" + " (Keystone, or TempAuth's .../auth/v1.0); without a scheme https:// is meant.");
    public static final StoreOption USER =
            StoreOption.required("swift_store_user", "<project>:<user> (TempAuth:" + " <account>:<user>).");
    public static final StoreOption KEY = StoreOption.required(
                    "swift_store_key", "Password or key; never logged" + " and never put into locations.")
            .asSecret();
    public static final StoreOption AUTH_VERSION = StoreOption.optional(
            "swift_store_auth_version", "3", "1 (TempAuth, swauth), 2 or 3 (Keystone; domain Default).");
    public static final StoreOption CONTAINER =
            StoreOption.optional("swift_store_container", "glance", "Container that receives images.");
    public static final StoreOption CREATE_CONTAINER_ON_PUT =
            createContainerOnPutOption("swift_store_create_container_on_put", "container");
    public static final StoreOption LARGE_OBJECT_SIZE = StoreOption.optional(
            "swift_store_large_object_size",
            "5120",
            "MiB, at least 1; larger uploads become a static large object (SLO). Uploads wait in a"
                    + " temporary file (java.io.tmpdir) up to this size, so the local disk needs this much room per"
                    + " concurrent upload.");
    public static final StoreOption LARGE_OBJECT_CHUNK_SIZE = StoreOption.optional(
            "swift_store_large_object_chunk_size", "200", "MiB per segment of a static large object, at least 1.");

    public static final StoreOption COMPOSE_THREADS =
            composeThreadsOption("swift_store_compose_threads", "glance4j's own: how many", "segments");

    /** The declaration: glance_store's Swift options, those this store does not honour last. */
    public static final StoreOptions OPTIONS = StoreOptions.of(
            AUTH_ADDRESS,
            USER,
            KEY,
            AUTH_VERSION,
            CONTAINER,
            CREATE_CONTAINER_ON_PUT,
            LARGE_OBJECT_SIZE,
            LARGE_OBJECT_CHUNK_SIZE,
            COMPOSE_THREADS,
            StoreOption.notHonoured(
                    "swift_store_config_file",
                    "Credentials come from the store's own section; the reference file is not read."),
            StoreOption.notHonoured(
                    "default_swift_reference", "Credentials come from the store's own section; ignored."),
            StoreOption.notHonoured("swift_store_multi_tenant", "Single tenant only; ignored."),
            StoreOption.notHonoured("swift_store_multiple_containers_seed", "One container; ignored."),
            StoreOption.ignored("swift_store_admin_tenants"),
            StoreOption.notHonoured("swift_store_region", "The first object-store endpoint is used; ignored."),
            StoreOption.notHonoured("swift_store_endpoint", "The endpoint comes from the catalog; ignored."),
            StoreOption.ignored("swift_store_endpoint_type"),
            StoreOption.ignored("swift_store_service_type"),
            StoreOption.notHonoured("swift_store_auth_insecure", "Certificates are verified; ignored."),
            StoreOption.notHonoured("swift_store_cacert", "The JVM's trusted certificates are used; ignored."),
            StoreOption.ignored("swift_store_ssl_compression"),
            StoreOption.ignored("swift_store_retry_get_count"),
            StoreOption.ignored("swift_store_expire_soon_interval"),
            StoreOption.ignored("swift_store_use_trusts"),
            StoreOption.notHonoured("swift_buffer_on_upload", "Segments always wait in a temporary file; ignored."),
            StoreOption.notHonoured("swift_upload_buffer_dir", "java.io.tmpdir is used; ignored."));

    private static final BlobStoreTarget.Backend BACKEND = new BlobStoreTarget.Backend(
            "Swift", "container", "openstack-swift", Set.of("swift", "swift+http", "swift+https"));

    /** For {@link java.util.ServiceLoader}. */
    public SwiftImageStoreFactory() {
        super(
                TYPE,
                OPTIONS,
                "Images as objects of a Swift container (through jclouds; static large objects).",
                SwiftImageStoreFactory::target);
    }

    /** The backend description of store {@code storeId}; refuses bad options naming the store and the option. */
    static BlobStoreTarget target(String storeId, Map<String, String> options) {
        StoreSection reader = OPTIONS.read(storeId, options);
        URI uri = reader.url(AUTH_ADDRESS, "https");
        String endpoint = uri.toString();
        String user = reader.text(USER);
        String key = reader.text(KEY);
        String container = reader.text(CONTAINER);
        if (container.contains("/") || container.length() > 256) {
            throw reader.invalid(CONTAINER, "must be a container name without '/' (at most 256 characters)");
        }
        long largeObjectSize = reader.mebibytes(LARGE_OBJECT_SIZE, 1, Long.MAX_VALUE);
        long chunkSize = reader.mebibytes(LARGE_OBJECT_CHUNK_SIZE, 1, Long.MAX_VALUE);
        Map<String, String> properties = new HashMap<>(BlobStoreTarget.CONNECTION_PROPERTIES);
        String identity = user;
        String version = reader.text(AUTH_VERSION);
        switch (version) {
            case "1" -> properties.put("jclouds.keystone.credential-type", "tempAuthCredentials");
            case "2", "2.0" -> {
                requireProjectAndUser(reader, user);
                properties.put("jclouds.keystone.credential-type", "passwordCredentials");
                properties.put("jclouds.keystone.version", "2");
            }
            case "3" -> {
                String[] projectAndUser = requireProjectAndUser(reader, user);
                properties.put("jclouds.keystone.credential-type", "passwordCredentials");
                properties.put("jclouds.keystone.version", "3");
                properties.put("jclouds.keystone.scope", "project:" + projectAndUser[0]);
                properties.put("jclouds.keystone.project-domain-name", "Default");
                identity = "Default:" + projectAndUser[1];
            }
            default -> throw reader.invalid(AUTH_VERSION, "must be 1, 2 or 3, got " + version);
        }
        String scheme = "https".equals(uri.getScheme()) ? "swift+https" : "swift+http";
        return BlobStoreTarget.of(
                storeId,
                BACKEND,
                new BlobStoreTarget.Access(endpoint, identity, key),
                container,
                reader.bool(CREATE_CONTAINER_ON_PUT),
                new BlobStoreTarget.PartSizes(largeObjectSize, chunkSize, reader.integer(COMPOSE_THREADS, 1, 1000)),
                BlobStoreTarget.locationPrefix(scheme, uri),
                properties);
    }

    private static String[] requireProjectAndUser(StoreSection reader, String user) {
        int colon = user.indexOf(':');
        if (colon <= 0 || colon == user.length() - 1) {
            throw reader.invalid(USER, "must be <project>:<user> for Keystone authentication");
        }
        return new String[] {user.substring(0, colon), user.substring(colon + 1)};
    }
}
