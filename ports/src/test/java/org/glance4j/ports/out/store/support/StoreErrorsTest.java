package org.glance4j.ports.out.store.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.junit.jupiter.api.Test;

class StoreErrorsTest {
    private final StoreErrors errors = new StoreErrors("ceph1", "Ceph", "mon1:6789");

    @Test
    void networkFailuresAnywhereInTheChainAreUnavailableInTheApisWords() {
        GlanceException refused = errors.translate(
                StoreOperation.WRITE,
                new IllegalStateException("lib: boom /secret/path", new ConnectException("Connection refused")));
        assertThat(refused.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
        assertThat(refused.getMessage())
                .isEqualTo("Store 'ceph1' cannot write image data: cannot connect to Ceph"
                        + " at mon1:6789 (connection refused)");
        assertThat(refused.getCause()).isInstanceOf(IllegalStateException.class);
        assertThat(errors.translate(StoreOperation.READ, new UnknownHostException("x"))
                        .getMessage())
                .isEqualTo("Store 'ceph1' cannot read image data: the host of Ceph at mon1:6789 is unknown");
        assertThat(errors.translate(StoreOperation.SIZE, new UncheckedIOException(new SocketTimeoutException()))
                        .getMessage())
                .isEqualTo("Store 'ceph1' cannot read the size of image data: Ceph at mon1:6789 did"
                        + " not answer in time");
    }

    @Test
    void anUnknownFailureSaysLittleAndKeepsTheCause() {
        RuntimeException library = new RuntimeException("org.lib.Internal: /var/lib/x (key=abc)");
        GlanceException e = errors.translate(StoreOperation.DELETE, library);
        assertThat(e.getMessage())
                .isEqualTo("Store 'ceph1' cannot delete image data: Ceph failed; the store is"
                        + " unavailable, try again later");
        assertThat(e.getCause()).isSameAs(library);
    }

    @Test
    void aFullBackendIsTooLarge() {
        GlanceException e = errors.translate(StoreOperation.WRITE, new IOException("No space left on device"));
        assertThat(e.category()).isEqualTo(ErrorCategory.TOO_LARGE);
        assertThat(e.getMessage()).isEqualTo("Store 'ceph1' is full: Ceph has no room for the data");
    }

    @Test
    void theStoresOwnReasonsComeFirstAndGlanceExceptionsPassUnchanged() {
        StoreErrors own = errors.withReasons(
                t -> t instanceof IllegalArgumentException ? BackendFailure.conflict("the image has clones") : null);
        GlanceException e =
                own.translate(StoreOperation.DELETE, new RuntimeException(new IllegalArgumentException("EBUSY")));
        assertThat(e.category()).isEqualTo(ErrorCategory.CONFLICT);
        assertThat(e.getMessage()).isEqualTo("Store 'ceph1' cannot delete image data: the image has clones");
        GlanceException already = GlanceException.tooLarge("limit");
        assertThat(own.translate(StoreOperation.WRITE, already)).isSameAs(already);
        GlanceException missing = own.withReasons(t -> BackendFailure.notFound("no such image"))
                .translate(StoreOperation.READ, new RuntimeException());
        assertThat(missing.category()).isEqualTo(ErrorCategory.NOT_FOUND);
        assertThat(missing.getMessage()).contains("store 'ceph1'");
        assertThat(errors.notFound().category()).isEqualTo(ErrorCategory.NOT_FOUND);
        assertThat(errors.unavailable(StoreOperation.CHECK, "the pool 'images' does not exist", null)
                        .getMessage())
                .isEqualTo("Store 'ceph1' cannot check its backend: the pool 'images' does not exist");
    }

    @Test
    void localDiskFailuresSayWhatIsWrongWithoutPaths() {
        assertThat(errors.localDisk(new IOException("/tmp/x: No space left on device"))
                        .getMessage())
                .isEqualTo("Store 'ceph1' cannot keep image data on the local disk while it uploads: the local disk"
                        + " is full");
        assertThat(errors.localDisk(new NoSuchFileException("/gone")).getMessage())
                .doesNotContain("/gone")
                .contains("spool directory cannot be written");
    }
}
