package org.glance4j.storage.s3;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.ImageStoreFactory;
import org.glance4j.storage.jclouds.BlobStoreImageStore;
import org.glance4j.storage.jclouds.BlobStoreTarget;
import org.glance4j.storage.jclouds.StoreOptions;

/**
 * Builds {@code s3} stores ({@code enabled_backends = <id>:s3}) from glance_store's S3 options:
 * <ul>
 * <li>{@code s3_store_host} (required): the endpoint, {@code http://} or {@code https://} with host and port;
 * without a scheme {@code http://} is meant, as in Glance.
 * <li>{@code s3_store_access_key}, {@code s3_store_secret_key} (required): the credentials.
 * <li>{@code s3_store_bucket} (required): the bucket that receives images.
 * <li>{@code s3_store_create_bucket_on_put} (default false): create a missing bucket on the first write.
 * <li>{@code s3_store_bucket_url_format} ({@code auto}, {@code path} or {@code virtual}; default auto, which is
 * virtual-host style for amazonaws.com and path style for every other host).
 * <li>{@code s3_store_large_object_size} (MiB, default 100): larger writes use a multipart upload, in parts of
 * {@code s3_store_large_object_chunk_size} (MiB, default 10, at least 5).
 * </ul>
 * Requests are signed with AWS signature version 4. Locations look like Glance's without the credentials:
 * {@code s3://<host>/<bucket>/<image id>} ({@code s3+https://} for an https endpoint).
 */
public final class S3ImageStoreFactory implements ImageStoreFactory {
    /** The type name operators write in {@code enabled_backends}. */
    public static final String TYPE = "s3";

    public static final String HOST = "s3_store_host";
    public static final String ACCESS_KEY = "s3_store_access_key";
    public static final String SECRET_KEY = "s3_store_secret_key";
    public static final String BUCKET = "s3_store_bucket";
    public static final String CREATE_BUCKET_ON_PUT = "s3_store_create_bucket_on_put";
    public static final String BUCKET_URL_FORMAT = "s3_store_bucket_url_format";
    public static final String LARGE_OBJECT_SIZE = "s3_store_large_object_size";
    public static final String LARGE_OBJECT_CHUNK_SIZE = "s3_store_large_object_chunk_size";

    /** glance_store's S3 options that this store does not honour (reported, not fatal). */
    public static final List<String> NOT_HONOURED = List.of("s3_store_region_name", "s3_store_thread_pools",
            "s3_store_cacert", "s3_store_enable_data_integrity_protection",
            "s3_store_request_checksum_calculation", "s3_store_response_checksum_validation");


    /** For {@link java.util.ServiceLoader}. */
    public S3ImageStoreFactory() {
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
        URI uri = reader.url(HOST, "http");
        String endpoint = uri.toString();
        String accessKey = reader.required(ACCESS_KEY);
        String secretKey = reader.required(SECRET_KEY);
        String bucket = reader.required(BUCKET);
        if (!bucket.matches("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]")) {
            throw reader.invalid(BUCKET, "must be a valid bucket name (3 to 63 lower-case letters, digits, dots"
                    + " and hyphens), got " + bucket);
        }
        long largeObjectSize = reader.mebibytes(LARGE_OBJECT_SIZE, 100, 0);
        long chunkSize = reader.mebibytes(LARGE_OBJECT_CHUNK_SIZE, 10, 5);
        if (chunkSize > 5L * 1024 * 1024 * 1024) {
            throw reader.invalid(LARGE_OBJECT_CHUNK_SIZE, "must be at most 5120 (MiB), S3's largest part");
        }
        boolean virtualHost = switch (reader.optional(BUCKET_URL_FORMAT, "auto").toLowerCase(Locale.ROOT)) {
            case "auto" -> uri.getHost().endsWith("amazonaws.com") && !bucket.contains(".");
            case "virtual" -> true;
            case "path" -> false;
            default -> throw reader.invalid(BUCKET_URL_FORMAT, "must be auto, virtual or path, got "
                    + reader.optional(BUCKET_URL_FORMAT));
        };
        String authority = uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
        while (authority.endsWith("/")) {
            authority = authority.substring(0, authority.length() - 1);
        }
        String scheme = "https".equals(uri.getScheme()) ? "s3+https" : "s3";
        Map<String, String> properties = Map.of(
                "jclouds.s3.virtual-host-buckets", String.valueOf(virtualHost),
                "jclouds.s3.signer-version", "4",
                "jclouds.max-retries", "3",
                "jclouds.connection-timeout", "10000",
                "jclouds.so-timeout", "60000");
        return new BlobStoreTarget(storeId, "S3", "bucket", "s3", endpoint, accessKey, secretKey, bucket,
                reader.bool(CREATE_BUCKET_ON_PUT, false), largeObjectSize, chunkSize, scheme + "://" + authority + "/",
                Set.of("s3", "s3+http", "s3+https"), properties, (Path) null);
    }
}
