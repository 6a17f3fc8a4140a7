package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.glance4j.bootstrap.config.StoreConfig;
import org.glance4j.jdbc.glance.GlanceLocation;
import org.junit.jupiter.api.Test;

/** Where the locations Glance wrote land among glance4j's configured stores, and that no credential survives. */
class GlanceLocationMapperTest {

    private final GlanceLocationMapper mapper = new GlanceLocationMapper(List.of(
            new StoreConfig("fast", "file", "fast", Map.of("filesystem_store_datadir", "/srv/glance/fast/")),
            new StoreConfig("slow", "file", "slow", Map.of("filesystem_store_datadir", "/srv/glance/slow")),
            new StoreConfig("cold", "s3", "cold", Map.of("s3_store_host", "https://s3.example.org"))));

    @Test
    void aFileLocationGoesToTheFileStoreWhoseDirectoryHoldsTheFile() {
        GlanceLocationMapper.Mapped mapped =
                mapper.map(new GlanceLocation("file:///srv/glance/slow/abc", Map.of("store", "old-name"), "active"));
        assertThat(mapped.location().storeId()).isEqualTo("slow");
        assertThat(mapped.location().url()).isEqualTo("file:///srv/glance/slow/abc");
        assertThat(mapped.location().metadata()).containsEntry("store", "slow");
        assertThat(mapped.problems()).isEmpty();
    }

    @Test
    void aFileOutsideEveryFileStoreIsKeptAndReported() {
        GlanceLocationMapper.Mapped mapped =
                mapper.map(new GlanceLocation("file:///var/lib/glance/images/abc", Map.of(), "active"));
        assertThat(mapped.location().storeId()).isEqualTo("file");
        assertThat(mapped.problems())
                .singleElement()
                .asString()
                .contains("no configured store serves the location file:///var/lib/glance/images/abc");
        assertThat(mapper.map(new GlanceLocation("file:///srv/glance/slow/sub/abc", Map.of(), "active"))
                        .problems())
                .as("a file in a sub-folder is not the store's")
                .hasSize(1);
    }

    @Test
    void credentialsAreRemovedEvenWhenTheSecretHoldsSlashesOrAt() {
        GlanceLocationMapper.Mapped s3 = mapper.map(new GlanceLocation(
                "s3+https://AKIA:se/cr@et@s3.example.org/bucket/abc", Map.of("store", "cold"), "active"));
        assertThat(s3.location().url()).isEqualTo("s3+https://s3.example.org/bucket/abc");
        assertThat(s3.location().storeId()).isEqualTo("cold");
        assertThat(s3.problems())
                .singleElement()
                .asString()
                .contains("credentials removed")
                .doesNotContain("se/cr")
                .doesNotContain("AKIA");

        GlanceLocationMapper.Mapped swift = mapper.map(new GlanceLocation(
                "swift+https://tenant:user:key@keystone.example.org/v3/glance/abc", Map.of(), "active"));
        assertThat(swift.location().url()).isEqualTo("swift+https://keystone.example.org/v3/glance/abc");
        assertThat(swift.location().storeId()).isEqualTo("swift+https");
        assertThat(swift.problems()).hasSize(2).noneMatch(p -> p.contains("key@"));
    }

    @Test
    void aStoreGlanceNamedIsUsedOnlyWhenItsTypeServesTheScheme() {
        GlanceLocationMapper.Mapped rbd =
                mapper.map(new GlanceLocation("rbd://fsid/pool/abc/snap", Map.of("store", "cold"), "active"));
        assertThat(rbd.problems()).singleElement().asString().contains("no configured store serves");
        assertThat(rbd.location().storeId()).as("not the s3 store named cold").isEqualTo("unserved-cold");
        assertThat(mapper.map(new GlanceLocation("rbd://fsid/pool/abc/snap", Map.of("store", "ceph"), "active"))
                        .location()
                        .storeId())
                .as("served once a store named ceph is configured")
                .isEqualTo("ceph");
        GlanceLocationMapper.Mapped http =
                mapper.map(new GlanceLocation("https://mirror.example.org/abc.img", Map.of(), "active"));
        assertThat(http.location().storeId()).isEqualTo("https");
        assertThat(http.problems()).hasSize(1);
    }
}
