package org.glance4j.storage.jclouds;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a jclouds-backed store needs to know, in JDK types only, so that the {@code s3} and {@code swift}
 * factories can describe their backend without touching jclouds. Built by those factories from an operator's
 * options; see {@link BlobStoreImageStore#open(BlobStoreTarget)}.
 *
 * @param storeId               the operator's id for the store; every error message names it
 * @param backendName           how the backend is called in messages ({@code S3}, {@code Swift})
 * @param containerWord         how a container is called in messages ({@code bucket}, {@code container})
 * @param apiId                 the jclouds API id ({@code s3}, {@code openstack-swift})
 * @param endpoint              the URL jclouds talks to (S3 endpoint, Swift auth address)
 * @param identity              the access key or user
 * @param credential            the secret key or password
 * @param container             the bucket or container that receives new images
 * @param createContainerOnWrite whether a missing container is created by the first write
 * @param largeObjectSize       writes of more than this many bytes go up in parts (0: every non-empty write)
 * @param chunkSize             the size of each part of a large write (the last may be smaller)
 * @param locationPrefix        what precedes {@code <container>/<object>} in locations, e.g. {@code s3://host/}
 * @param schemes               the URI schemes this store reads ({@code s3}, {@code s3+https}, ...)
 * @param properties            jclouds properties (signing, auth type, retries) passed through unchanged
 * @param spoolDirectory        where parts wait on the local disk before they go up (null: the JVM's temp dir)
 * @param composeThreads        how many pieces of composed writes go up at once, for the whole store (at least 1)
 */
public record BlobStoreTarget(
        String storeId,
        String backendName,
        String containerWord,
        String apiId,
        String endpoint,
        String identity,
        String credential,
        String container,
        boolean createContainerOnWrite,
        long largeObjectSize,
        long chunkSize,
        String locationPrefix,
        Set<String> schemes,
        Map<String, String> properties,
        Path spoolDirectory,
        int composeThreads) {

    /** The jclouds properties of every backend: retries and the connect and read timeouts. */
    public static final Map<String, String> CONNECTION_PROPERTIES = Map.of(
            "jclouds.max-retries", "3",
            "jclouds.connection-timeout", "10000",
            "jclouds.so-timeout", "60000");

    public BlobStoreTarget {
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(backendName, "backendName");
        Objects.requireNonNull(containerWord, "containerWord");
        Objects.requireNonNull(apiId, "apiId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(locationPrefix, "locationPrefix");
        schemes = Set.copyOf(schemes);
        properties = Map.copyOf(properties);
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be positive: " + chunkSize);
        }
        if (composeThreads < 1) {
            throw new IllegalArgumentException("composeThreads must be positive: " + composeThreads);
        }
        if (largeObjectSize < 0) {
            throw new IllegalArgumentException("largeObjectSize must not be negative: " + largeObjectSize);
        }
    }

    /**
     * What tells one kind of backend from another.
     *
     * @param name          how the backend is called in messages ({@code S3}, {@code Swift})
     * @param containerWord how a container is called in messages ({@code bucket}, {@code container})
     * @param apiId         the jclouds API id ({@code s3}, {@code openstack-swift})
     * @param schemes       the URI schemes a store of this kind reads
     */
    public record Backend(String name, String containerWord, String apiId, Set<String> schemes) {}

    /**
     * Where a store logs in: {@code endpoint} is the URL jclouds talks to, {@code identity} the access key or user,
     * {@code credential} the secret key or password.
     */
    public record Access(String endpoint, String identity, String credential) {}

    /**
     * How large writes go up: writes of more than {@code largeObjectSize} bytes go up in parts of {@code chunkSize}
     * bytes, {@code composeThreads} pieces of composed writes at once for the whole store.
     */
    public record PartSizes(long largeObjectSize, long chunkSize, int composeThreads) {}

    /**
     * The target of store {@code storeId} of kind {@code backend}, its parts waiting in the JVM's temporary
     * directory; the parameters not grouped are those of the record.
     */
    public static BlobStoreTarget of(
            String storeId,
            Backend backend,
            Access access,
            String container,
            boolean createContainerOnWrite,
            PartSizes sizes,
            String locationPrefix,
            Map<String, String> properties) {
        return new BlobStoreTarget(
                storeId,
                backend.name(),
                backend.containerWord(),
                backend.apiId(),
                access.endpoint(),
                access.identity(),
                access.credential(),
                container,
                createContainerOnWrite,
                sizes.largeObjectSize(),
                sizes.chunkSize(),
                locationPrefix,
                backend.schemes(),
                properties,
                null,
                sizes.composeThreads());
    }

    /** The location of object {@code objectName} in the configured container. */
    public String locationOf(String objectName) {
        return locationPrefix + container + "/" + objectName;
    }

    /**
     * The {@link #locationPrefix()} of a backend reached at {@code endpoint}: {@code scheme://}, the endpoint's
     * authority and path without trailing slashes, then one slash.
     */
    public static String locationPrefix(String scheme, URI endpoint) {
        String authority = endpoint.getRawAuthority() + (endpoint.getRawPath() == null ? "" : endpoint.getRawPath());
        while (authority.endsWith("/")) {
            authority = authority.substring(0, authority.length() - 1);
        }
        return scheme + "://" + authority + "/";
    }
}
