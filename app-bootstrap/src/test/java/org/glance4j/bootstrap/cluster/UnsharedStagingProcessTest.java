package org.glance4j.bootstrap.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.glance4j.bootstrap.cluster.ClusterClient.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two glance4j nodes that do not share their staging area (each stages into a directory of its own), behind
 * HAProxy: a glance-direct import that reaches the node without the staged data is refused with 409 naming the
 * node that has it, and the image stays staged, so that the import through the staging node still works.
 */
class UnsharedStagingProcessTest {
    /** A guard against a hung import, not a timing assertion. */
    private static final long GUARD_SECONDS = 180;

    private static Cluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = Cluster.start(2, Cluster.Database.POSTGRESQL, null, false);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void importOnTheOtherNodeIs409AndTheImportOnTheStagingNodeWorks() throws Exception {
        List<ClusterNode> nodes = cluster.nodes();
        ClusterClient stager = new ClusterClient(nodes.get(0).baseUri(), "owner-project", "member,reader");
        ClusterClient other = stager.at(nodes.get(1).baseUri());
        Answer created =
                stager.post("/v2/images", Map.of("name", "unshared", "disk_format", "raw", "container_format", "bare"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asText();
        byte[] bytes = new byte[100_000];
        new Random(5).nextBytes(bytes);
        Answer staged = stager.putBytes("/v2/images/" + id + "/stage", bytes);
        assertThat(staged.status()).as(staged.toString()).isEqualTo(204);
        assertThat(Files.exists(cluster.staging(nodes.get(0)).resolve(id))).isTrue();
        assertThat(Files.exists(cluster.staging(nodes.get(1)).resolve(id))).isFalse();

        Answer refused = other.post("/v2/images/" + id + "/import", Map.of("method", Map.of("name", "glance-direct")));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().path("message").asText())
                .contains("is on glance4j node '")
                .contains("[os_glance_staging_store]");
        Answer still = other.get("/v2/images/" + id);
        assertThat(still.json().path("status").asText()).isEqualTo("uploading");
        assertThat(Files.exists(cluster.staging(nodes.get(0)).resolve(id)))
                .as("the staged data stays")
                .isTrue();

        Answer accepted =
                stager.post("/v2/images/" + id + "/import", Map.of("method", Map.of("name", "glance-direct")));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
        String status = other.get("/v2/images/" + id).json().path("status").asText();
        while (!"active".equals(status) && System.nanoTime() < deadline) {
            assertThat(status).isIn("uploading", "importing");
            Thread.sleep(100);
            status = other.get("/v2/images/" + id).json().path("status").asText();
        }
        assertThat(status).isEqualTo("active");
        assertThat(other.download("/v2/images/" + id + "/file").body()).isEqualTo(bytes);
    }
}
