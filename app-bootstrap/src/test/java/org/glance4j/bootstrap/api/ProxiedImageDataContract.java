package org.glance4j.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.glance4j.bootstrap.GlanceApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A caching proxy configured as docs/caching-proxies.md says, in front of an in-process glance4j (trusted identity
 * headers) whose only store is a file store that counts its reads ({@link CountingStoreFactory}). The proxy keeps
 * the data of public images and asks glance4j before every use of its copy: later downloads, whole or ranged, do
 * not read the store; an image that is not public is never kept, so nobody gets it but those glance4j gives it to;
 * and a deactivated or deleted image stops being served at once. Each subclass runs the same tests through one
 * proxy (Varnish, Squid). Real Glance sends no validators and no {@code Cache-Control} for a proxy to use.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProxiedImageDataContract {
    private static final String OCTET_STREAM = "application/octet-stream";
    private static final int SIZE = 100_000;

    private final Personas people = new Personas();
    private Path dir;
    private GlanceApplication server;
    private URI direct;
    private URI proxy;

    /** Starts the proxy in front of {@code backend} and returns its address. */
    abstract URI startProxy(URI backend);

    /** Stops the proxy. */
    abstract void stopProxy();

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("glance4j-proxied");
        Path conf = dir.resolve("glance-api.conf");
        Files.writeString(
                conf,
                String.join(
                        "\n",
                        "[DEFAULT]",
                        "enabled_backends = counted:" + CountingStoreFactory.TYPE,
                        "[glance_store]",
                        "default_backend = counted",
                        "[counted]",
                        "filesystem_store_datadir = " + dir.resolve("images"),
                        ""));
        server = GlanceApplication.start(List.of(
                "--bind",
                "127.0.0.1",
                "--port",
                "0",
                "--data-dir",
                dir.resolve("data").toString(),
                "--auth",
                "trusted-headers",
                "--config",
                conf.toString()));
        direct = URI.create("http://127.0.0.1:" + server.port());
        proxy = startProxy(direct);
    }

    @AfterAll
    void stop() throws IOException {
        try {
            stopProxy();
        } finally {
            if (server != null) {
                server.close();
            }
            VarnishProxy.deleteTree(dir);
        }
    }

    @Test
    void laterDownloadsOfAPublicImageWholeOrRangedComeFromTheProxysCopy() {
        byte[] data = ImageDataSupport.bytes(SIZE, 41);
        String id = activeImage(people.adminA, "public", data);
        String etag = "\"" + ImageDataSupport.hex("SHA-512", data) + "\"";

        BinaryResponse first = viaProxy(people.memberB, id);
        assertThat(first.status()).as("%s", first).isEqualTo(200);
        assertThat(first.bytes()).isEqualTo(data);
        assertThat(first.header("ETag")).hasValue(etag);
        assertThat(first.header("Cache-Control")).hasValue("public, no-cache, must-revalidate");
        assertThat(CountingStoreFactory.reads(id))
                .as("store reads after the first download")
                .isEqualTo(1);

        java.util.Set<String> requestIds = new java.util.HashSet<>();
        requestIds.add(first.header("X-Openstack-Request-Id").orElseThrow());
        for (Persona who : List.of(people.memberB, people.memberA, people.imageMember, people.adminA)) {
            BinaryResponse again = viaProxy(who, id);
            assertThat(again.status()).as("%s as %s", again, who).isEqualTo(200);
            assertThat(again.bytes()).isEqualTo(data);
            assertThat(requestIds.add(again.header("X-Openstack-Request-Id").orElseThrow()))
                    .as("the copy comes with the id of the request glance4j answered for it, not an earlier one")
                    .isTrue();
        }
        BinaryResponse range = viaProxy(people.memberA, id, "Range", "bytes=1000-1999");
        assertThat(range.status()).as("%s", range).isEqualTo(206);
        assertThat(range.bytes()).isEqualTo(Arrays.copyOfRange(data, 1000, 2000));
        assertThat(range.header("Content-Range")).hasValue("bytes 1000-1999/" + SIZE);
        BinaryResponse suffix = viaProxy(people.memberB, id, "Range", "bytes=-10");
        assertThat(suffix.status()).as("%s", suffix).isEqualTo(206);
        assertThat(suffix.bytes()).isEqualTo(Arrays.copyOfRange(data, SIZE - 10, SIZE));
        assertThat(CountingStoreFactory.reads(id))
                .as("store reads after six more downloads through the proxy")
                .isEqualTo(1);
    }

    @Test
    void aRangedFirstDownloadOfAPublicImageIsAnsweredRight() {
        byte[] data = ImageDataSupport.bytes(SIZE, 42);
        String id = activeImage(people.adminA, "public", data);
        BinaryResponse range = viaProxy(people.memberB, id, "Range", "bytes=500-599");
        assertThat(range.status()).as("%s", range).isEqualTo(206);
        assertThat(range.bytes()).isEqualTo(Arrays.copyOfRange(data, 500, 600));
        assertThat(range.header("Content-Range")).hasValue("bytes 500-599/" + SIZE);
        BinaryResponse whole = viaProxy(people.memberA, id);
        assertThat(whole.status()).as("%s", whole).isEqualTo(200);
        assertThat(whole.bytes()).isEqualTo(data);
    }

    @Test
    void aCopyOfAPublicImageReachesNobodyGlanceRefuses() {
        byte[] data = ImageDataSupport.bytes(SIZE, 43);
        String id = activeImage(people.adminA, "public", data);
        assertThat(viaProxy(people.memberB, id).bytes()).isEqualTo(data);
        SoftAssertions softly = new SoftAssertions();
        for (Persona who : List.of(people.anonymous, people.readerB, people.memberB)) {
            sameAsDirect(softly, who, id);
        }
        softly.assertAll();
        BinaryResponse forged = viaProxy(people.anonymous, id, "X-Glance4j-Checked", "1", "X-Glance4j-Check", "\"x\"");
        assertThat(forged.status())
                .as("an anonymous caller that sends the VCL's own headers: %s", forged)
                .isEqualTo(401);
    }

    @Test
    void callersAskingAtTheSameTimeAsTheFirstFetchGetOnlyWhatGlanceGivesThem() throws Exception {
        byte[] data = ImageDataSupport.bytes(SIZE, 47);
        String id = activeImage(people.adminA, "public", data);
        List<Persona> callers = List.of(
                people.memberB,
                people.anonymous,
                people.readerB,
                people.memberA,
                people.anonymous,
                people.imageMember,
                people.readerB,
                people.memberB);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(callers.size());
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<BinaryResponse>> answers = new java.util.ArrayList<>();
            for (Persona who : callers) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return viaProxy(who, id);
                }));
            }
            go.countDown();
            SoftAssertions softly = new SoftAssertions();
            for (int i = 0; i < callers.size(); i++) {
                Persona who = callers.get(i);
                BinaryResponse answer = answers.get(i).get(5, java.util.concurrent.TimeUnit.MINUTES);
                int expected = who == people.anonymous ? 401 : who == people.readerB ? 403 : 200;
                softly.assertThat(answer.status()).as("%s as %s", answer, who).isEqualTo(expected);
                softly.assertThat(Arrays.equals(answer.bytes(), data))
                        .as("the bytes reached %s", who)
                        .isEqualTo(expected == 200);
            }
            softly.assertAll();
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"private", "shared", "community"})
    void anImageThatIsNotPublicIsNeverKeptNorServedToOthers(String visibility) {
        byte[] data = ImageDataSupport.bytes(SIZE, 44);
        String id = activeImage(people.memberA, "shared", data);
        share(id, people.imageMember);
        if (!visibility.equals("shared")) {
            assertThat(Api.at(direct, people.memberA)
                            .patch(
                                    "/v2/images/" + id,
                                    List.of(Map.of("op", "replace", "path", "/visibility", "value", visibility)))
                            .status())
                    .isEqualTo(200);
        }
        BinaryResponse owner = viaProxy(people.memberA, id);
        assertThat(owner.status()).as("%s", owner).isEqualTo(200);
        assertThat(owner.bytes()).isEqualTo(data);
        assertThat(owner.header("Cache-Control")).hasValue("no-store");

        SoftAssertions softly = new SoftAssertions();
        for (Persona who : List.of(
                people.memberB,
                people.anonymous,
                people.readerB,
                people.imageMember,
                people.readerA,
                people.memberB,
                people.anonymous)) {
            sameAsDirect(softly, who, id);
        }
        softly.assertAll();

        int before = CountingStoreFactory.reads(id);
        BinaryResponse again = viaProxy(people.memberA, id);
        assertThat(again.bytes()).isEqualTo(data);
        assertThat(CountingStoreFactory.reads(id))
                .as("the owner's next download comes from the store: nothing kept")
                .isEqualTo(before + 1);
    }

    @Test
    void afterDeactivationAndDeletionTheProxyStopsServingTheImage() {
        byte[] data = ImageDataSupport.bytes(SIZE, 45);
        String id = activeImage(people.adminA, "public", data);
        assertThat(viaProxy(people.memberB, id).bytes()).isEqualTo(data);
        assertThat(viaProxy(people.memberB, id).bytes()).isEqualTo(data);

        assertThat(Api.at(direct, people.adminA)
                        .post("/v2/images/" + id + "/actions/deactivate", null)
                        .status())
                .isEqualTo(204);
        SoftAssertions softly = new SoftAssertions();
        for (Persona who : List.of(people.memberB, people.memberA, people.anonymous, people.adminA, people.memberB)) {
            sameAsDirect(softly, who, id);
        }
        softly.assertAll();
        BinaryResponse deactivated = viaProxy(people.memberB, id);
        assertThat(deactivated.status()).as("%s", deactivated).isEqualTo(403);

        assertThat(Api.at(direct, people.adminA)
                        .post("/v2/images/" + id + "/actions/reactivate", null)
                        .status())
                .isEqualTo(204);
        BinaryResponse reactivated = viaProxy(people.memberB, id);
        assertThat(reactivated.status()).as("%s", reactivated).isEqualTo(200);
        assertThat(reactivated.bytes()).isEqualTo(data);

        assertThat(Api.at(direct, people.adminA).delete("/v2/images/" + id).status())
                .isEqualTo(204);
        for (Persona who : List.of(people.memberB, people.adminA, people.anonymous)) {
            BinaryResponse deleted = viaProxy(who, id);
            assertThat(deleted.status()).as("%s as %s", deleted, who).isEqualTo(who == people.anonymous ? 401 : 404);
            assertThat(deleted.bytes()).isNotEqualTo(data);
        }
    }

    @Test
    void aPublicImageMadePrivateIsNoLongerServedToOtherProjects() {
        byte[] data = ImageDataSupport.bytes(SIZE, 46);
        String id = activeImage(people.adminA, "public", data);
        assertThat(viaProxy(people.memberB, id).bytes()).isEqualTo(data);
        assertThat(viaProxy(people.memberB, id).bytes()).isEqualTo(data);

        assertThat(Api.at(direct, people.memberA)
                        .patch(
                                "/v2/images/" + id,
                                List.of(Map.of("op", "replace", "path", "/visibility", "value", "private")))
                        .status())
                .isEqualTo(200);
        SoftAssertions softly = new SoftAssertions();
        for (Persona who : List.of(people.memberB, people.anonymous, people.memberA, people.memberB)) {
            sameAsDirect(softly, who, id);
        }
        softly.assertAll();
        BinaryResponse owner = viaProxy(people.memberA, id);
        assertThat(owner.status()).as("%s", owner).isEqualTo(200);
        assertThat(owner.bytes()).isEqualTo(data);
        assertThat(viaProxy(people.memberB, id).status()).isEqualTo(404);
    }

    /** {@code who} gets through the proxy exactly the status and body glance4j answers it directly. */
    private void sameAsDirect(SoftAssertions softly, Persona who, String id) {
        BinaryResponse proxied = viaProxy(who, id);
        BinaryResponse straight = Api.at(direct, who).getBytes("GET", "/v2/images/" + id + "/file", Map.of());
        softly.assertThat(proxied.status())
                .as("GET as %s through the proxy answered %s, directly %s", who, proxied, straight)
                .isEqualTo(straight.status());
        softly.assertThat(Arrays.equals(proxied.bytes(), straight.bytes()))
                .as("the body as %s through the proxy is the body glance4j answers directly", who)
                .isTrue();
    }

    private BinaryResponse viaProxy(Persona who, String id, String... headers) {
        Map<String, String> extra = new java.util.LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            extra.put(headers[i], headers[i + 1]);
        }
        return Api.at(proxy, who).getBytes("GET", "/v2/images/" + id + "/file", extra);
    }

    private String activeImage(Persona who, String visibility, byte[] data) {
        ApiResponse created = Api.at(direct, who)
                .post(
                        "/v2/images",
                        Map.of(
                                "name",
                                "proxied",
                                "visibility",
                                visibility,
                                "disk_format",
                                "raw",
                                "container_format",
                                "bare"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String id = created.json().get("id").asText();
        ApiResponse uploaded = Api.at(direct, who).putBytes("/v2/images/" + id + "/file", OCTET_STREAM, data, Map.of());
        assertThat(uploaded.status()).as("%s", uploaded).isEqualTo(204);
        assertThat(CountingStoreFactory.reads(id)).isZero();
        return id;
    }

    private void share(String id, Persona member) {
        ApiTestSupport.shareAccepted(direct, people.memberA, id, member, "shared");
    }
}
