package org.glance4j.storage.jclouds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.ImageStoreFactory;
import org.junit.jupiter.api.Test;

/**
 * The s3 and swift factories as the service finds them: registered by type, they refuse bad options naming the
 * store and the option (never echoing a secret), and they start without contacting the backend.
 */
class BackendStoreFactoriesTest {

    private static ImageStoreFactory factory(String type) {
        return ServiceLoader.load(ImageStoreFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.type().equals(type))
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, String> s3() {
        Map<String, String> options = new HashMap<>();
        options.put("s3_store_host", "http://127.0.0.1:1");
        options.put("s3_store_access_key", "access");
        options.put("s3_store_secret_key", "very-secret");
        options.put("s3_store_bucket", "images");
        return options;
    }

    private static Map<String, String> swift() {
        Map<String, String> options = new HashMap<>();
        options.put("swift_store_auth_address", "http://127.0.0.1:1/v3");
        options.put("swift_store_user", "service:glance");
        options.put("swift_store_key", "very-secret");
        return options;
    }

    @Test
    void thisModulesStoreTypesAreRegisteredAndDeclareTheirOptions() {
        List<ImageStoreFactory> factories = ServiceLoader.load(ImageStoreFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
        assertThat(factories).extracting(ImageStoreFactory::type).containsExactly("s3", "swift");
        for (ImageStoreFactory factory : factories) {
            assertThat(factory.options().declared()).isTrue();
            assertThat(factory.options().list()).filteredOn(o -> o.secret()).hasSize(1);
        }
    }

    @Test
    void storesStartWithoutTheirBackend() {
        try (ImageStore s3 = factory("s3").create("objects", s3());
                ImageStore swift = factory("swift").create("cloud", swift())) {
            assertThat(s3.id()).isEqualTo("objects");
            assertThat(swift.id()).isEqualTo("cloud");
        }
    }

    @Test
    void missingRequiredOptionsAreNamed() {
        for (String option :
                List.of("s3_store_host", "s3_store_access_key", "s3_store_secret_key", "s3_store_bucket")) {
            Map<String, String> options = s3();
            options.remove(option);
            assertInvalid("s3", options, "Store 'bad': option " + option + " is required");
        }
        for (String option : List.of("swift_store_auth_address", "swift_store_user", "swift_store_key")) {
            Map<String, String> options = swift();
            options.put(option, "  ");
            assertInvalid("swift", options, "Store 'bad': option " + option + " is required");
        }
    }

    @Test
    void badValuesAreRefusedWithoutEchoingSecrets() {
        Map<String, String> chunk = s3();
        chunk.put("s3_store_large_object_chunk_size", "4");
        assertInvalid(
                "s3",
                chunk,
                "Store 'bad': option s3_store_large_object_chunk_size must be from 5 to 5120" + " (MiB), got 4");
        Map<String, String> size = s3();
        size.put("s3_store_large_object_size", "big");
        assertInvalid(
                "s3",
                size,
                "Store 'bad': option s3_store_large_object_size must be a whole number of MiB," + " got big");
        Map<String, String> bucket = s3();
        bucket.put("s3_store_bucket", "Not_A_Bucket");
        assertInvalid(
                "s3",
                bucket,
                "Store 'bad': option s3_store_bucket must be a valid bucket name (3 to 63"
                        + " lower-case letters, digits, dots and hyphens), got Not_A_Bucket");
        Map<String, String> format = s3();
        format.put("s3_store_bucket_url_format", "sideways");
        assertInvalid(
                "s3",
                format,
                "Store 'bad': option s3_store_bucket_url_format must be one of auto, virtual," + " path, got sideways");
        Map<String, String> create = s3();
        create.put("s3_store_create_bucket_on_put", "perhaps");
        assertInvalid(
                "s3",
                create,
                "Store 'bad': option s3_store_create_bucket_on_put must be true or false, got" + " perhaps");
        Map<String, String> version = swift();
        version.put("swift_store_auth_version", "4");
        assertInvalid("swift", version, "Store 'bad': option swift_store_auth_version must be 1, 2 or 3, got 4");
        Map<String, String> user = swift();
        user.put("swift_store_user", "glance");
        assertInvalid(
                "swift",
                user,
                "Store 'bad': option swift_store_user must be <project>:<user> for Keystone" + " authentication");
        Map<String, String> container = swift();
        container.put("swift_store_container", "a/b");
        assertInvalid(
                "swift",
                container,
                "Store 'bad': option swift_store_container must be a container name"
                        + " without '/' (at most 256 characters)");
        Map<String, String> segments = swift();
        segments.put("swift_store_large_object_chunk_size", "0");
        assertInvalid(
                "swift",
                segments,
                "Store 'bad': option swift_store_large_object_chunk_size must be at least" + " 1 (MiB), got 0");
    }

    @Test
    void locationsCarryNoCredentials() {
        Map<String, String> https = s3();
        https.put("s3_store_host", "https://s3.example.net:9000/");
        BlobStoreTarget s3 = org.glance4j.storage.s3.S3Targets.of("objects", https);
        assertThat(s3.locationOf("abc")).isEqualTo("s3+https://s3.example.net:9000/images/abc");
        Map<String, String> bare = s3();
        bare.put("s3_store_host", "s3.example.net");
        assertThat(org.glance4j.storage.s3.S3Targets.of("objects", bare).endpoint())
                .isEqualTo("http://s3.example.net");
        BlobStoreTarget swift = org.glance4j.storage.swift.SwiftTargets.of("cloud", swift());
        assertThat(swift.locationOf("abc"))
                .isEqualTo("swift+http://127.0.0.1:1/v3/glance/abc")
                .doesNotContain("very-secret");
        assertThat(swift.largeObjectSize()).isEqualTo(5120L * 1024 * 1024);
        assertThat(swift.chunkSize()).isEqualTo(200L * 1024 * 1024);
    }

    private static void assertInvalid(String type, Map<String, String> options, String message) {
        Throwable thrown =
                catchThrowable(() -> factory(type).create("bad", options).close());
        assertThat(thrown).isInstanceOf(GlanceException.class).hasMessage(message);
        assertThat(((GlanceException) thrown).category()).isEqualTo(ErrorCategory.INVALID);
        assertThat(thrown.getMessage()).doesNotContain("very-secret");
    }
}
