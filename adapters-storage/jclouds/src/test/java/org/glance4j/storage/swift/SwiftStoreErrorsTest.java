package org.glance4j.storage.swift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoredObject;
import org.glance4j.ports.testing.store.FailingInputStream;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How the {@code swift} store reports a real Swift that says no (refused credentials, a missing container it may
 * not create), that a static large object written half-way leaves no segment behind, and that a finished one is
 * deleted with its segments.
 */
@ExtendWith(SwiftServer.class)
class SwiftStoreErrorsTest {
    private static final String STORE = "swift-errors";

    private static Map<String, String> options(String container) {
        return new HashMap<>(SwiftStoreContractTest.options(SwiftServer.get().authAddress(), container));
    }

    @Test
    void wrongKeyIsUnavailableSayingTheCredentialsWereRefused() {
        Map<String, String> options = options("creds");
        options.put(SwiftImageStoreFactory.KEY.name(), "not-the-key");
        try (ImageStore store = new SwiftImageStoreFactory().create(STORE, options)) {
            GlanceException failure =
                    unavailable(catchThrowable(() -> store.write("img", new ByteArrayInputStream(new byte[10]), 10)));
            assertThat(failure.getMessage())
                    .contains("Store '" + STORE + "'")
                    .contains("Swift refused the credentials of user '" + SwiftServer.USER + "'")
                    .doesNotContain("not-the-key");
        }
    }

    @Test
    void missingContainerIsUnavailableWhenTheStoreMayNotCreateIt() throws Exception {
        String container = "absent-" + ProcessHandle.current().pid();
        Map<String, String> options = options(container);
        options.put(SwiftImageStoreFactory.CREATE_CONTAINER_ON_PUT.name(), "false");
        try (ImageStore store = new SwiftImageStoreFactory().create(STORE, options)) {
            GlanceException failure =
                    unavailable(catchThrowable(() -> store.write("img", new ByteArrayInputStream(new byte[10]), 10)));
            assertThat(failure.getMessage())
                    .isEqualTo("Store '" + STORE + "': the Swift container '" + container
                            + "' does not exist and the store is not allowed to create it");
            assertThat(SwiftServer.get().objectNames(container)).isEmpty();
        }
    }

    @Test
    void largeWriteFailingHalfWayLeavesNoSegmentAndAFinishedOneIsDeletedWithItsSegments() throws Exception {
        String container = "slo-" + ProcessHandle.current().pid();
        try (ImageStore store = new SwiftImageStoreFactory().create(STORE, options(container))) {
            IOException dropped = new IOException("client went away");
            FailingInputStream input = FailingInputStream.throwingIo(17 * 1024 * 1024 + 5, dropped);
            assertThat(catchThrowable(() -> store.write("img", input, -1)))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasCause(dropped);
            assertThat(SwiftServer.get().objectNames(container))
                    .as("objects and segments left behind")
                    .isEmpty();

            StoredObject written = store.write("img", GeneratedBytes.of(12 * 1024 * 1024, 4), -1);
            assertThat(written.location())
                    .isEqualTo("swift+http://127.0.0.1:" + SwiftServer.get().proxyPort() + "/auth/v1.0/" + container
                            + "/img");
            assertThat(SwiftServer.get().objectNames(container))
                    .as("manifest and three segments")
                    .hasSize(4);
            assertThat(store.size(written.location())).isEqualTo(12 * 1024 * 1024);
            assertThat(store.delete(written.location())).isTrue();
            assertThat(SwiftServer.get().objectNames(container))
                    .as("after the delete")
                    .isEmpty();
        }
    }

    private static GlanceException unavailable(Throwable thrown) {
        assertThat(thrown).isInstanceOf(GlanceException.class);
        GlanceException failure = (GlanceException) thrown;
        assertThat(failure.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
        assertThat(failure.getMessage()).doesNotContain("\n").doesNotContain("Exception");
        return failure;
    }
}
