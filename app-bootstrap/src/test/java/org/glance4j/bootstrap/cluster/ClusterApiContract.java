package org.glance4j.bootstrap.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.glance4j.bootstrap.cluster.ClusterClient.Answer;
import org.glance4j.storage.swift.SwiftServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three glance4j nodes on one database, one shared Swift container as their image store and one shared staging
 * directory, behind Debian's HAProxy (round robin, no stickiness): whichever node a request lands on, every caller
 * sees one service. A subclass per database names it ({@link ClusterApiProcessTest} for PostgreSQL,
 * {@link ClusterApiMariaDbProcessTest} for MariaDB); Swift is started once per test JVM.
 */
@ExtendWith(SwiftServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClusterApiContract {
    /** A guard against a hung import, not a timing assertion. */
    private static final long GUARD_SECONDS = 180;

    private Cluster cluster;
    private ClusterClient admin;
    private ClusterClient owner;
    private ClusterClient other;

    /** The database the three nodes share. */
    abstract Cluster.Database database();

    @BeforeAll
    void startCluster() throws Exception {
        cluster = Cluster.start(3, database(), SwiftServer.get(), true);
        admin = new ClusterClient(cluster.haproxy().baseUri(), "admin-project", "admin,member,reader");
        owner = new ClusterClient(cluster.haproxy().baseUri(), "owner-project", "member,reader");
        other = new ClusterClient(cluster.haproxy().baseUri(), "other-project", "member,reader");
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void haproxySpreadsRequestsOfOneConnectionOverEveryNode() {
        Set<String> nodes = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            Answer answer = owner.get("/v2/images");
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            nodes.add(answer.node());
        }
        assertThat(nodes).containsExactlyInAnyOrder("node1", "node2", "node3");
    }

    @Test
    void everyWriteIsSeenByTheNextRequestWhicheverNodeServesIt() {
        String id = create(owner, Map.of("name", "rw", "disk_format", "raw", "container_format", "bare"));
        Set<String> servedBy = new HashSet<>();
        for (int i = 0; i < 9; i++) {
            Answer patched = owner.patch(
                    "/v2/images/" + id,
                    List.of(
                            Map.of("op", "add", "path", "/k" + i, "value", "v" + i),
                            Map.of("op", "replace", "path", "/name", "value", "rw-" + i)));
            assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
            servedBy.add(patched.node());
            Answer shown = owner.get("/v2/images/" + id);
            assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
            assertThat(shown.json().path("k" + i).asText())
                    .as("read after the PATCH on " + patched.node() + ", on " + shown.node())
                    .isEqualTo("v" + i);
            assertThat(shown.json().path("name").asText()).isEqualTo("rw-" + i);
            Answer listed = owner.get("/v2/images?name=rw-" + i);
            assertThat(ids(listed)).as("listed on " + listed.node()).containsExactly(id);
            servedBy.add(shown.node());
            servedBy.add(listed.node());
        }
        assertThat(servedBy).containsExactlyInAnyOrder("node1", "node2", "node3");
    }

    @Test
    void racingPatchesOnDifferentNodesLoseNoChange() throws Exception {
        String id = create(owner, Map.of("name", "race"));
        int writers = 24;
        List<ClusterNode> nodes = cluster.nodes();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int n = i;
                // a third through HAProxy, the others straight to one node each, so that every node writes
                ClusterClient client = n % 3 == 0
                        ? owner
                        : owner.at(nodes.get(n % nodes.size()).baseUri());
                answers.add(pool.submit(() -> {
                    start.await();
                    return client.patch(
                            "/v2/images/" + id, List.of(Map.of("op", "add", "path", "/race_" + n, "value", "w" + n)));
                }));
            }
            start.countDown();
            for (Future<Answer> answer : answers) {
                Answer done = answer.get(GUARD_SECONDS, TimeUnit.SECONDS);
                assertThat(done.status()).as(done.toString()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        for (ClusterNode node : nodes) {
            JsonNode image = owner.at(node.baseUri()).get("/v2/images/" + id).json();
            for (int i = 0; i < writers; i++) {
                assertThat(image.path("race_" + i).asText())
                        .as("race_" + i + " on " + node.name())
                        .isEqualTo("w" + i);
            }
        }
    }

    @Test
    void dataUploadedThroughOneNodeDownloadsFromEveryNode() throws Exception {
        String id = create(owner, Map.of("name", "data", "disk_format", "raw", "container_format", "bare"));
        byte[] bytes = content(3 * 1024 * 1024 + 17, 7);
        Answer upload = owner.putBytes("/v2/images/" + id + "/file", bytes);
        assertThat(upload.status()).as(upload.toString()).isEqualTo(204);
        assertActiveWith(id, bytes);
        assertThat(cluster.storedObjects())
                .as("the Swift container of the cluster")
                .contains(id);
        assertThat(owner.get("/v2/images/" + id).json().path("stores").asText()).isEqualTo("shared");
    }

    @Test
    void membersAndTagsAgreeOnEveryNode() {
        String id = create(owner, Map.of("name", "shared-one"));
        Answer added = owner.post("/v2/images/" + id + "/members", Map.of("member", "other-project"));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        Answer accepted = other.put("/v2/images/" + id + "/members/other-project", Map.of("status", "accepted"));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        Answer tagged = owner.putEmpty("/v2/images/" + id + "/tags/cluster-tag");
        assertThat(tagged.status()).as(tagged.toString()).isEqualTo(204);
        for (ClusterNode node : cluster.nodes()) {
            ClusterClient direct = other.at(node.baseUri());
            Answer member = direct.get("/v2/images/" + id + "/members/other-project");
            assertThat(member.status()).as(node.name() + " " + member).isEqualTo(200);
            assertThat(member.json().path("status").asText()).isEqualTo("accepted");
            assertThat(ids(direct.get("/v2/images?tag=cluster-tag")))
                    .as(node.name())
                    .containsExactly(id);
            assertThat(ids(direct.get("/v2/images?visibility=shared")))
                    .as(node.name())
                    .contains(id);
        }
        Answer removed = owner.delete("/v2/images/" + id + "/members/other-project");
        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        for (ClusterNode node : cluster.nodes()) {
            assertThat(other.at(node.baseUri()).get("/v2/images/" + id).status())
                    .as(node.name())
                    .isEqualTo(404);
        }
    }

    @Test
    void metadefsWrittenOnOneNodeAreReadOnEveryNode() {
        Answer created = admin.post(
                "/v2/metadefs/namespaces",
                Map.of(
                        "namespace",
                        "cluster_ns",
                        "visibility",
                        "public",
                        "objects",
                        List.of(),
                        "properties",
                        Map.of()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Answer property = admin.post(
                "/v2/metadefs/namespaces/cluster_ns/properties",
                Map.of("name", "cores", "title", "Cores", "type", "integer"));
        assertThat(property.status()).as(property.toString()).isEqualTo(201);
        for (ClusterNode node : cluster.nodes()) {
            Answer shown = owner.at(node.baseUri()).get("/v2/metadefs/namespaces/cluster_ns");
            assertThat(shown.status()).as(node.name() + " " + shown).isEqualTo(200);
            assertThat(shown.json()
                            .path("properties")
                            .path("cores")
                            .path("type")
                            .asText())
                    .isEqualTo("integer");
        }
    }

    @Test
    void stagedOnOneNodeImportedThroughAnother() throws Exception {
        List<ClusterNode> nodes = cluster.nodes();
        String id = create(owner, Map.of("name", "direct", "disk_format", "raw", "container_format", "bare"));
        byte[] bytes = content(2 * 1024 * 1024 + 5, 11);
        Answer staged = owner.at(nodes.get(0).baseUri()).putBytes("/v2/images/" + id + "/stage", bytes);
        assertThat(staged.status()).as(staged.toString()).isEqualTo(204);
        Answer imported = owner.at(nodes.get(1).baseUri())
                .post("/v2/images/" + id + "/import", Map.of("method", Map.of("name", "glance-direct")));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(202);
        assertActiveWith(id, bytes);
        assertThat(cluster.storedObjects())
                .as("the Swift container of the cluster")
                .contains(id);
        assertThat(Files.exists(cluster.sharedStaging().resolve(id)))
                .as("staged data left behind")
                .isFalse();
    }

    @Test
    void stagedAndImportedThroughHaproxy() throws Exception {
        for (int round = 0; round < 3; round++) {
            String id = create(owner, Map.of("name", "direct-lb", "disk_format", "raw", "container_format", "bare"));
            byte[] bytes = content(1024 * 1024 + round, 13 + round);
            Answer staged = owner.putBytes("/v2/images/" + id + "/stage", bytes);
            assertThat(staged.status()).as(staged.toString()).isEqualTo(204);
            Answer imported =
                    owner.post("/v2/images/" + id + "/import", Map.of("method", Map.of("name", "glance-direct")));
            assertThat(imported.status()).as(imported.toString()).isEqualTo(202);
            assertActiveWith(id, bytes);
        }
    }

    @Test
    void deletingAStagedImageOnAnotherNodeDeletesItsStagedData() throws Exception {
        List<ClusterNode> nodes = cluster.nodes();
        String id = create(owner, Map.of("name", "staged-delete", "disk_format", "raw", "container_format", "bare"));
        Answer staged = owner.at(nodes.get(2).baseUri()).putBytes("/v2/images/" + id + "/stage", content(4096, 3));
        assertThat(staged.status()).as(staged.toString()).isEqualTo(204);
        assertThat(Files.exists(cluster.sharedStaging().resolve(id))).isTrue();
        Answer deleted = owner.at(nodes.get(0).baseUri()).delete("/v2/images/" + id);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(Files.exists(cluster.sharedStaging().resolve(id)))
                .as("staged data of the deleted image")
                .isFalse();
    }

    @Test
    void twoImportsOfOneImageOnDifferentNodesOneWinsTheOtherIs409() throws Exception {
        List<ClusterNode> nodes = cluster.nodes();
        String id = create(owner, Map.of("name", "lock", "disk_format", "raw", "container_format", "bare"));
        byte[] bytes = content(1024 * 1024, 17);
        Answer staged = owner.putBytes("/v2/images/" + id + "/stage", bytes);
        assertThat(staged.status()).as(staged.toString()).isEqualTo(204);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Integer> statuses = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Answer>> answers = new ArrayList<>();
            for (ClusterNode node : List.of(nodes.get(1), nodes.get(2))) {
                ClusterClient client = owner.at(node.baseUri());
                answers.add(pool.submit(() -> {
                    start.await();
                    return client.post(
                            "/v2/images/" + id + "/import", Map.of("method", Map.of("name", "glance-direct")));
                }));
            }
            start.countDown();
            for (Future<Answer> answer : answers) {
                statuses.add(answer.get(GUARD_SECONDS, TimeUnit.SECONDS).status());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).containsExactlyInAnyOrder(202, 409);
        assertActiveWith(id, bytes);
        for (ClusterNode node : nodes) {
            Answer tasks = owner.at(node.baseUri()).get("/v2/images/" + id + "/tasks");
            assertThat(tasks.status()).as(node.name() + " " + tasks).isEqualTo(200);
            List<String> finished = new ArrayList<>();
            tasks.json()
                    .path("tasks")
                    .forEach(t -> finished.add(t.path("status").asText()));
            assertThat(finished).as(node.name() + " " + tasks).contains("success");
        }
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private static String create(ClusterClient client, Map<String, Object> body) {
        Answer created = client.post("/v2/images", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    private static List<String> ids(Answer listed) {
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        listed.json().path("images").forEach(image -> ids.add(image.path("id").asText()));
        return ids;
    }

    /** Waits (bounded) until the image is active on every node, then downloads it from each and compares. */
    private void assertActiveWith(String id, byte[] bytes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        for (ClusterNode node : cluster.nodes()) {
            ClusterClient direct = owner.at(node.baseUri());
            JsonNode image = direct.get("/v2/images/" + id).json();
            while (!"active".equals(image.path("status").asText()) && System.nanoTime() < deadline) {
                assertThat(image.path("status").asText())
                        .as(image.toString())
                        .isIn("queued", "saving", "uploading", "importing");
                Thread.sleep(100);
                image = direct.get("/v2/images/" + id).json();
            }
            assertThat(image.path("status").asText())
                    .as(node.name() + " " + image)
                    .isEqualTo("active");
            assertThat(image.path("checksum").asText()).isEqualTo(md5);
            assertThat(image.path("size").asLong()).isEqualTo(bytes.length);
            HttpResponse<byte[]> download = direct.download("/v2/images/" + id + "/file");
            assertThat(download.statusCode()).as(node.name()).isEqualTo(200);
            assertThat(download.body()).as("the bytes from " + node.name()).isEqualTo(bytes);
        }
    }

    private static byte[] content(int size, int seed) {
        byte[] bytes = new byte[size];
        new java.util.Random(seed).nextBytes(bytes);
        return bytes;
    }
}
