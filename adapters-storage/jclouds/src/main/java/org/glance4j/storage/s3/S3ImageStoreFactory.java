package org.glance4j.storage.s3;

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
public final class S3ImageStoreFactory extends BlobStoreImageStoreFactory {
    /** The type name operators write in {@code enabled_backends}. */
    public static final String TYPE = "s3";

    public static final StoreOption HOST = StoreOption.required(
            "s3_store_host",
            "S3 endpoint, http:// or"
                    + " https:// with host and port; without a scheme http:// is meant, as in Glance.");
    public static final StoreOption ACCESS_KEY = StoreOption.required("s3_store_access_key", "S3 access key.");
    public static final StoreOption SECRET_KEY = StoreOption.required(
                    "s3_store_secret_key", "S3 secret key; never" + " logged and never put into locations.")
            .asSecret();
    public static final StoreOption BUCKET =
            StoreOption.required("s3_store_bucket", "Bucket that receives images" + " (a valid S3 bucket name).");
    public static final StoreOption CREATE_BUCKET_ON_PUT =
            createContainerOnPutOption("s3_store_create_bucket_on_put", "bucket");
    public static final StoreOption BUCKET_URL_FORMAT = StoreOption.optional(
            "s3_store_bucket_url_format",
            "auto",
            "path, virtual or auto (virtual-host style for amazonaws.com, path style for every other host).");
    public static final StoreOption LARGE_OBJECT_SIZE = StoreOption.optional(
            "s3_store_large_object_size",
            "100",
            "MiB; larger uploads use a multipart upload (0: always). Each part waits in a temporary file"
                    + " (java.io.tmpdir) until it goes up, so the local disk needs this much room per concurrent"
                    + " upload.");
    public static final StoreOption LARGE_OBJECT_CHUNK_SIZE = StoreOption.optional(
            "s3_store_large_object_chunk_size", "10", "MiB per part of a multipart upload, 5 to 5120.");

    public static final StoreOption THREAD_POOLS = composeThreadsOption("s3_store_thread_pools", "How many", "parts");

    /** The declaration: glance_store's S3 options, those this store does not honour last. */
    public static final StoreOptions OPTIONS = StoreOptions.of(
            HOST,
            ACCESS_KEY,
            SECRET_KEY,
            BUCKET,
            CREATE_BUCKET_ON_PUT,
            BUCKET_URL_FORMAT,
            LARGE_OBJECT_SIZE,
            LARGE_OBJECT_CHUNK_SIZE,
            THREAD_POOLS,
            StoreOption.notHonoured(
                    "s3_store_region_name",
                    "Requests are signed (AWS signature v4) for the region"
                            + " the host name names, us-east-1 for other hosts; ignored."),
            StoreOption.notHonoured("s3_store_cacert", "The JVM's trusted certificates are used; ignored."),
            StoreOption.ignored("s3_store_enable_data_integrity_protection"),
            StoreOption.ignored("s3_store_request_checksum_calculation"),
            StoreOption.ignored("s3_store_response_checksum_validation"));

    private static final BlobStoreTarget.Backend BACKEND =
            new BlobStoreTarget.Backend("S3", "bucket", "s3", Set.of("s3", "s3+http", "s3+https"));

    /** For {@link java.util.ServiceLoader}. */
    public S3ImageStoreFactory() {
        super(
                TYPE,
                OPTIONS,
                "Images as objects of an S3 bucket (through jclouds; multipart uploads).",
                S3ImageStoreFactory::target);
    }

    /** The backend description of store {@code storeId}; refuses bad options naming the store and the option. */
    static BlobStoreTarget target(String storeId, Map<String, String> options) {
        StoreSection reader = OPTIONS.read(storeId, options);
        URI uri = reader.url(HOST, "http");
        BlobStoreTarget.Access access =
                new BlobStoreTarget.Access(uri.toString(), reader.text(ACCESS_KEY), reader.text(SECRET_KEY));
        String bucket = reader.text(BUCKET);
        if (!bucket.matches("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]")) {
            throw reader.invalid(
                    BUCKET,
                    "must be a valid bucket name (3 to 63 lower-case letters, digits, dots" + " and hyphens), got "
                            + bucket);
        }
        long largeObjectSize = reader.mebibytes(LARGE_OBJECT_SIZE, 0, Long.MAX_VALUE);
        long chunkSize = reader.mebibytes(LARGE_OBJECT_CHUNK_SIZE, 5, 5120);
        boolean virtualHost = switch (reader.choice(BUCKET_URL_FORMAT, "auto", "virtual", "path")) {
            case "auto" -> uri.getHost().endsWith("amazonaws.com") && !bucket.contains(".");
            case "virtual" -> true;
            default -> false;
        };
        String scheme = "https".equals(uri.getScheme()) ? "s3+https" : "s3";
        Map<String, String> properties = new HashMap<>(BlobStoreTarget.CONNECTION_PROPERTIES);
        properties.put("jclouds.s3.virtual-host-buckets", String.valueOf(virtualHost));
        properties.put("jclouds.s3.signer-version", "4");
        return BlobStoreTarget.of(
                storeId,
                BACKEND,
                access,
                bucket,
                reader.bool(CREATE_BUCKET_ON_PUT),
                new BlobStoreTarget.PartSizes(largeObjectSize, chunkSize, reader.integer(THREAD_POOLS, 1, 1000)),
                BlobStoreTarget.locationPrefix(scheme, uri),
                properties);
    }
}
