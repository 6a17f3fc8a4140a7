package org.glance4j.ports.testing.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The kit's broken-backend case cannot be skipped in silence: a store test that neither breaks its backend nor
 * says why it cannot fails, and one that says why passes with the reason recorded in the test report.
 */
class BrokenBackendCaseTest {

    @Test
    void aStoreThatNeitherBreaksItsBackendNorSaysWhyFailsTheCase() {
        Outcome outcome = run(SilentStoreContractTest.class);
        assertThat(outcome.status).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(outcome.failure).contains("whyTheBackendCannotBeBroken");
    }

    @Test
    void aStoreThatSaysWhyPassesAndTheReasonIsRecorded() {
        Outcome outcome = run(ExplainedStoreContractTest.class);
        assertThat(outcome.status).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(outcome.entries)
                .contains(Map.entry(ImageStoreContractTest.BROKEN_BACKEND_NOT_SIMULATED, "a heap map cannot fail"));
    }

    private static Outcome run(Class<?> testClass) {
        Outcome outcome = new Outcome();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(
                LauncherDiscoveryRequestBuilder.request()
                        .selectors(selectMethod(testClass.getName() + "#brokenBackendIsUnavailableNamingTheStore("
                                + "org.junit.jupiter.api.TestReporter)"))
                        .build(),
                new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        if (id.isTest()) {
                            outcome.status = result.getStatus();
                            result.getThrowable().ifPresent(t -> outcome.failure = String.valueOf(t.getMessage()));
                        }
                    }

                    @Override
                    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
                        outcome.entries.addAll(entry.getKeyValuePairs().entrySet());
                    }
                });
        assertThat(outcome.status).as("the case ran").isNotNull();
        return outcome;
    }

    private static final class Outcome {
        TestExecutionResult.Status status;
        String failure = "";
        final List<Map.Entry<String, String>> entries = new ArrayList<>();
    }

    /** Forgets the broken-backend hooks. Nested, so surefire does not run it on its own. */
    static class SilentStoreContractTest extends ImageStoreContractTest {
        private InMemoryImageStore store;

        @Override
        protected ImageStore createStore(String storeId) {
            store = new InMemoryImageStore(storeId);
            return store;
        }

        @Override
        protected long storedObjectCount() {
            return store.objectCount();
        }

        @Override
        protected boolean expectsCapability(StoreCapability capability) {
            return true;
        }
    }

    /** Says why its backend cannot be broken. */
    static class ExplainedStoreContractTest extends SilentStoreContractTest {
        @Override
        protected String whyTheBackendCannotBeBroken() {
            return "a heap map cannot fail";
        }
    }
}
