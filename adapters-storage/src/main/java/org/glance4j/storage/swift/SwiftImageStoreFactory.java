package org.glance4j.storage.swift;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.ImageStoreFactory;
import org.glance4j.storage.jclouds.BlobStoreImageStore;
import org.glance4j.storage.jclouds.BlobStoreTarget;
import org.glance4j.storage.jclouds.StoreOptions;

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
public final class SwiftImageStoreFactory implements ImageStoreFactory {
    /** The type name operators write in {@code enabled_backends}. */
    public static final String TYPE = "swift";

    public static final String AUTH_ADDRESS = "swift_store_auth_address";
    public static final String USER = "swift_store_user";
    public static final String KEY = "swift_store_key";
    public static final String AUTH_VERSION = "swift_store_auth_version";
    public static final String CONTAINER = "swift_store_container";
    public static final String CREATE_CONTAINER_ON_PUT = "swift_store_create_container_on_put";
    public static final String LARGE_OBJECT_SIZE = "swift_store_large_object_size";
    public static final String LARGE_OBJECT_CHUNK_SIZE = "swift_store_large_object_chunk_size";

    /** glance_store's Swift options that this store does not honour (reported, not fatal). */
    public static final List<String> NOT_HONOURED = List.of("swift_store_config_file", "default_swift_reference",
            "swift_store_multi_tenant", "swift_store_multiple_containers_seed", "swift_store_admin_tenants",
            "swift_store_region", "swift_store_endpoint", "swift_store_endpoint_type", "swift_store_service_type",
            "swift_store_auth_insecure", "swift_store_cacert", "swift_store_ssl_compression",
            "swift_store_retry_get_count", "swift_store_expire_soon_interval", "swift_store_use_trusts",
            "swift_buffer_on_upload", "swift_upload_buffer_dir");


    /** For {@link java.util.ServiceLoader}. */
    public SwiftImageStoreFactory() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ImageStore create(String storeId, Map<String, String> options) {
        new StoreOptions(storeId, options).warnNotHonoured(NOT_HONOURED);
        return BlobStoreImageStore.open(target(storeId, options));
    }

    /** The backend description of store {@code storeId}; refuses bad options naming the store and the option. */
    static BlobStoreTarget target(String storeId, Map<String, String> options) {
        StoreOptions reader = new StoreOptions(storeId, options);
        URI uri = reader.url(AUTH_ADDRESS, "https");
        String endpoint = uri.toString();
        String user = reader.required(USER);
        String key = reader.required(KEY);
        String container = reader.optional(CONTAINER, "glance");
        if (container.contains("/") || container.length() > 256) {
            throw reader.invalid(CONTAINER, "must be a container name without '/' (at most 256 characters)");
        }
        long largeObjectSize = reader.mebibytes(LARGE_OBJECT_SIZE, 5120, 1);
        long chunkSize = reader.mebibytes(LARGE_OBJECT_CHUNK_SIZE, 200, 1);
        Map<String, String> properties = new HashMap<>();
        properties.put("jclouds.max-retries", "3");
        properties.put("jclouds.connection-timeout", "10000");
        properties.put("jclouds.so-timeout", "60000");
        String identity = user;
        String version = reader.optional(AUTH_VERSION, "3");
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
        String authority = uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
        while (authority.endsWith("/")) {
            authority = authority.substring(0, authority.length() - 1);
        }
        String scheme = "https".equals(uri.getScheme()) ? "swift+https" : "swift+http";
        return new BlobStoreTarget(storeId, "Swift", "container", "openstack-swift", endpoint, identity, key,
                container, reader.bool(CREATE_CONTAINER_ON_PUT, false), largeObjectSize, chunkSize,
                scheme + "://" + authority + "/", Set.of("swift", "swift+http", "swift+https"), properties,
                (Path) null);
    }

    private static String[] requireProjectAndUser(StoreOptions reader, String user) {
        int colon = user.indexOf(':');
        if (colon <= 0 || colon == user.length() - 1) {
            throw reader.invalid(USER, "must be <project>:<user> for Keystone authentication");
        }
        return new String[] {user.substring(0, colon), user.substring(colon + 1)};
    }
}
