package org.glance4j.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.glance4j.ports.out.SharedNodeSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link SharedNodeSettings} must meet. Extend it and return a fresh, empty store from
 * {@link #createSettings()} (called before each test).
 */
public abstract class SharedNodeSettingsContractTest {

    protected SharedNodeSettings settings;

    protected abstract SharedNodeSettings createSettings();

    @BeforeEach
    void setUpSettings() {
        settings = createSettings();
    }

    @Test
    void nothingIsRecordedAtFirst() {
        assertThat(settings.recorded()).isEmpty();
    }

    @Test
    void theFirstNodeRecordsItsValues() {
        Map<String, String> values = Map.of("hashing_algorithm", "sha512", "stores", "file:file");

        assertThat(settings.recordMissing(values)).isEqualTo(values);
        assertThat(settings.recorded()).isEqualTo(values);
    }

    @Test
    void aLaterNodeIsGivenTheRecordedValuesAndChangesNothing() {
        settings.recordMissing(Map.of("hashing_algorithm", "sha512", "stores", "file:file"));

        assertThat(settings.recordMissing(Map.of("hashing_algorithm", "sha256", "stores", "file:file")))
                .isEqualTo(Map.of("hashing_algorithm", "sha512", "stores", "file:file"));
        assertThat(settings.recorded()).isEqualTo(Map.of("hashing_algorithm", "sha512", "stores", "file:file"));
    }

    @Test
    void aNameNotRecordedYetIsRecordedBesideTheOthers() {
        settings.recordMissing(Map.of("hashing_algorithm", "sha512"));

        assertThat(settings.recordMissing(Map.of("hashing_algorithm", "md5", "policy", "sha256:ab")))
                .isEqualTo(Map.of("hashing_algorithm", "sha512", "policy", "sha256:ab"));
        assertThat(settings.recorded()).isEqualTo(Map.of("hashing_algorithm", "sha512", "policy", "sha256:ab"));
    }

    @Test
    void replaceOverwritesTheNamesGivenAndKeepsTheOthers() {
        settings.recordMissing(Map.of("hashing_algorithm", "sha512", "stores", "file:file"));

        settings.replace(Map.of("hashing_algorithm", "sha256", "policy", "sha256:cd"));

        assertThat(settings.recorded())
                .isEqualTo(Map.of("hashing_algorithm", "sha256", "stores", "file:file", "policy", "sha256:cd"));
        assertThat(settings.recordMissing(Map.of("hashing_algorithm", "sha512")))
                .isEqualTo(Map.of("hashing_algorithm", "sha256"));
    }

    @Test
    void longValuesAndUnicodeSurviveUnchanged() {
        String stores = "fast:file,slow:swift,".repeat(150) + "ünïcode:file";
        Map<String, String> values = new LinkedHashMap<>();
        values.put("stores", stores);

        settings.recordMissing(values);

        assertThat(settings.recorded()).containsEntry("stores", stores);
    }

    @Test
    void ofNodesRecordingAtOnceExactlyOneValueIsKeptAndEveryoneIsGivenIt() throws Exception {
        int nodes = 6;
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Map<String, String>>> answers = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                String value = "value-" + i;
                Callable<Map<String, String>> record = () -> {
                    start.await();
                    return settings.recordMissing(Map.of("hashing_algorithm", value));
                };
                answers.add(pool.submit(record));
            }
            start.countDown();
            List<String> given = new ArrayList<>();
            for (Future<Map<String, String>> answer : answers) {
                given.add(answer.get(60, TimeUnit.SECONDS).get("hashing_algorithm"));
            }
            String kept = settings.recorded().get("hashing_algorithm");
            assertThat(kept).startsWith("value-");
            assertThat(given).containsOnly(kept);
        } finally {
            pool.shutdownNow();
        }
    }
}
