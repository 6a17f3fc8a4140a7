package org.glance4j.ports.out.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.junit.jupiter.api.Test;

class StoreSectionTest {
    static final StoreOption POOL = StoreOption.optional("rbd_store_pool", "images", "The pool.");
    static final StoreOption USER = StoreOption.required("rbd_store_user", "The Ceph user.");
    static final StoreOption KEY =
            StoreOption.required("rbd_store_key", "The key.").asSecret();
    static final StoreOption CHUNK = StoreOption.optional("rbd_store_chunk_size", "8", "MiB per object.");
    static final StoreOption THIN = StoreOption.optional("rbd_thin_provisioning", "false", "Skip zeros.");
    static final StoreOption URL = StoreOption.optional("endpoint", null, "Where.");
    static final StoreOption MODE = StoreOption.optional("mode", "auto", "auto, path or virtual.");
    static final StoreOption CONF = StoreOption.optional("rbd_store_ceph_conf", "/etc/ceph/ceph.conf", "Conf.")
            .asPath();
    static final StoreOption OLD = StoreOption.notHonoured("rados_old_option", "Not needed.");
    static final StoreOptions DECLARED = StoreOptions.of(POOL, USER, KEY, CHUNK, THIN, URL, MODE, CONF, OLD);

    private static StoreSection section(String... pairs) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return DECLARED.read("ceph1", values);
    }

    @Test
    void valuesAreTrimmedAndDefaultsApplyToAbsentAndBlankOptions() {
        StoreSection s = section("rbd_store_user", "  glance ", "rbd_store_pool", "  ");
        assertThat(s.text(USER)).isEqualTo("glance");
        assertThat(s.text(POOL)).isEqualTo("images");
        assertThat(s.isSet(POOL)).isFalse();
        assertThat(s.text(URL)).isNull();
        assertThat(s.mebibytes(CHUNK, 1, 1024)).isEqualTo(8L * 1024 * 1024);
        assertThat(s.bool(THIN)).isFalse();
        assertThat(s.choice(MODE, "auto", "path", "virtual")).isEqualTo("auto");
        assertThat(s.path(CONF)).isEqualTo(Path.of("/etc/ceph/ceph.conf"));
    }

    @Test
    void typedValuesParseTheWayOsloConfigWritesThem() {
        StoreSection s = section(
                "rbd_thin_provisioning",
                "Yes",
                "rbd_store_chunk_size",
                "16",
                "endpoint",
                "s3.example.org:8080",
                "mode",
                "PATH");
        assertThat(s.bool(THIN)).isTrue();
        assertThat(s.integer(CHUNK, 1, 64)).isEqualTo(16);
        assertThat(s.longInteger(CHUNK, 1, 64)).isEqualTo(16L);
        assertThat(s.url(URL, "http")).isEqualTo(URI.create("http://s3.example.org:8080"));
        assertThat(s.choice(MODE, "auto", "path", "virtual")).isEqualTo("path");
    }

    @Test
    void aMissingRequiredOptionIsInvalidNamingTheStoreAndTheOption() {
        GlanceException e = (GlanceException) catchThrowable(() -> section().text(USER));
        assertThat(e.category()).isEqualTo(ErrorCategory.INVALID);
        assertThat(e.getMessage()).isEqualTo("Store 'ceph1': option rbd_store_user is required");
        assertThat(section().missingRequired()).containsExactly(USER, KEY);
    }

    @Test
    void badValuesAreInvalidWithTheProblem() {
        assertThatThrownBy(() -> section("rbd_thin_provisioning", "maybe").bool(THIN))
                .hasMessage("Store 'ceph1': option rbd_thin_provisioning must be true or false, got maybe");
        assertThatThrownBy(() -> section("rbd_store_chunk_size", "0").mebibytes(CHUNK, 1, 1024))
                .hasMessage("Store 'ceph1': option rbd_store_chunk_size must be from 1 to 1024 (MiB), got 0");
        assertThatThrownBy(() -> section("rbd_store_chunk_size", "0").mebibytes(CHUNK, 1, Long.MAX_VALUE))
                .hasMessage("Store 'ceph1': option rbd_store_chunk_size must be at least 1 (MiB), got 0");
        assertThatThrownBy(() -> section("rbd_store_chunk_size", "big").mebibytes(CHUNK, 1, 2))
                .hasMessage("Store 'ceph1': option rbd_store_chunk_size must be a whole number of MiB, got big");
        assertThatThrownBy(() -> section("rbd_store_chunk_size", "x").integer(CHUNK, 1, 64))
                .hasMessageContaining("must be a whole number from 1 to 64, got x");
        assertThatThrownBy(() -> section("mode", "odd").choice(MODE, "auto", "path"))
                .hasMessageContaining("must be one of auto, path, got odd");
        assertThatThrownBy(() -> section("endpoint", "http://").url(URL, "http"))
                .hasMessageContaining("option endpoint");
    }

    @Test
    void aSecretIsNeverPrinted() {
        StoreSection s = section("rbd_store_key", "hunter2-very-secret", "rbd_store_user", "glance");
        Throwable bad = catchThrowable(() -> s.integer(KEY, 1, 2));
        assertThat(bad).hasMessageContaining("rbd_store_key").hasMessageNotContaining("hunter2");
        assertThat(s.toString()).contains("glance").doesNotContain("hunter2").contains("***");
        assertThat(DECLARED.redacted(s.raw())).containsEntry("rbd_store_key", "***");
        assertThat(s.text(KEY)).isEqualTo("hunter2-very-secret");
    }

    @Test
    void unknownOptionsAreReportedWithTheClosestDeclaredName() {
        StoreSection s = section("rbd_store_pol", "x", "completely_else", "y", "rados_old_option", "1");
        assertThat(s.unknown())
                .containsExactly(
                        new UnknownStoreOption("ceph1", "rbd_store_pol", Optional.of("rbd_store_pool")),
                        new UnknownStoreOption("ceph1", "completely_else", Optional.empty()));
        assertThat(s.notHonoured()).containsExactly(OLD);
        assertThat(s.warnings())
                .containsExactly(
                        "Store 'ceph1': unknown option rbd_store_pol (did you mean rbd_store_pool?); ignored",
                        "Store 'ceph1': unknown option completely_else; ignored",
                        "Store 'ceph1': option rados_old_option is not supported by glance4j and is ignored");
    }

    @Test
    void readingAnUndeclaredOptionIsAProgrammingError() {
        StoreOption other = StoreOption.optional("other", null, "Other.");
        assertThatThrownBy(() -> section().text(other)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUndeclaredStoreReadsAnythingAndReportsNothingUnknown() {
        StoreSection s = StoreOptions.undeclared().read("x", Map.of("whatever", "1", "my_password", "pw"));
        assertThat(s.unknown()).isEmpty();
        assertThat(s.text(StoreOption.optional("whatever", null, "W."))).isEqualTo("1");
        assertThat(s.toString()).doesNotContain("pw\"").contains("my_password=***");
        assertThat(StoreOptions.undeclared().declared()).isFalse();
    }

    @Test
    void declarationsRefuseNonsense() {
        assertThatThrownBy(() -> StoreOptions.of(POOL, POOL)).hasMessageContaining("declared twice");
        assertThatThrownBy(() -> new StoreOption("x", "1", true, false, true, StoreOption.Kind.TEXT, "X."))
                .hasMessageContaining("required");
        assertThatThrownBy(() -> StoreOption.optional("x", null, "two\nlines")).hasMessageContaining("one line");
        assertThatThrownBy(() -> StoreOption.optional(" x", null, "X.")).isInstanceOf(IllegalArgumentException.class);
        assertThat(StoreOption.required("d", "D.").asOwnDirectory().required()).isFalse();
        assertThat(StoreOption.required("d", "D.").asOwnDirectory().kind()).isEqualTo(StoreOption.Kind.OWN_DIRECTORY);
    }

    @Test
    void closestNeedsTheNameToLookLikeATypo() {
        assertThat(DECLARED.closest("RBD-STORE-POOL")).contains("rbd_store_pool");
        assertThat(DECLARED.closest("rbd_store_pooool")).contains("rbd_store_pool");
        assertThat(DECLARED.closest("pool")).isEmpty();
        assertThat(DECLARED.names()).startsWith("rbd_store_pool", "rbd_store_user");
    }

    @Test
    void aFactoryDeclaresNothingByDefault() {
        ImageStoreFactory bare = new ImageStoreFactory() {
            @Override
            public String type() {
                return "bare";
            }

            @Override
            public ImageStore create(String storeId, Map<String, String> options) {
                throw new UnsupportedOperationException();
            }
        };
        assertThat(bare.options().declared()).isFalse();
        assertThat(bare.summary()).isEqualTo("Images in bare stores.");
    }
}
