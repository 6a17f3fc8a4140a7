package org.glance4j.storage.jclouds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.store.support.Spool;
import org.glance4j.ports.out.store.support.StoreErrors;
import org.glance4j.storage.jclouds.BackendErrors.Operation;
import org.glance4j.storage.s3.S3Targets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a client reads when a jclouds store fails in a way the table does not know, and when its local spool
 * cannot be written: the store and what it was doing in the API's words; the library's text (paths, class
 * names, internals) stays in the cause, for the log.
 */
class BackendErrorsTest {

    private static final BlobStoreTarget TARGET = S3Targets.of(
            "cold",
            Map.of(
                    "s3_store_host",
                    "http://127.0.0.1:1",
                    "s3_store_access_key",
                    "access",
                    "s3_store_secret_key",
                    "very-secret",
                    "s3_store_bucket",
                    "images"));

    @Test
    void anUnknownFailureNamesTheStoreButNotTheLibrarysText() {
        IllegalStateException library = new IllegalStateException(
                "org.jclouds.rest.internal.Invoke: pool" + " exhausted at /var/lib/jclouds/cache (very-secret)",
                new RuntimeException("inner detail"));
        RuntimeException translated = BackendErrors.translate(TARGET, Operation.WRITE, library);
        assertThat(translated).isInstanceOf(GlanceException.class);
        GlanceException g = (GlanceException) translated;
        assertThat(g.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
        assertThat(g.getMessage())
                .isEqualTo("Store 'cold' cannot write image data: S3 failed; the store is"
                        + " unavailable, try again later");
        assertThat(g.getCause()).isSameAs(library);
    }

    @Test
    void aSpoolThatCannotBeCreatedNamesTheStoreButNotThePath(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-spool-dir");
        GlanceException failure = (GlanceException) catchThrowable(() -> Spool.create("cold", missing));
        assertThat(failure.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
        assertThat(failure.getMessage())
                .isEqualTo("Store 'cold' cannot keep image data on the local disk while it"
                        + " uploads: the spool directory cannot be written; the store is unavailable, try again later")
                .doesNotContain(dir.toString());
        assertThat(failure.getCause()).isNotNull();
    }

    @Test
    void aFullSpoolDiskIsSaidInTheApisWords(@TempDir Path dir) {
        try (Spool spool = Spool.create("cold", dir)) {
            InputStream source = InputStream.nullInputStream();
            assertThat(spool.refill(source, 10)).isZero();
        }
        GlanceException full = StoreErrors.localDisk(
                "cold", new java.io.IOException(dir + "/glance4j-spool-1.part:" + " No space left on device"));
        assertThat(full.getMessage())
                .isEqualTo("Store 'cold' cannot keep image data on the local disk while it"
                        + " uploads: the local disk is full");
        assertThat(full.getMessage()).doesNotContain(dir.toString());
    }
}
