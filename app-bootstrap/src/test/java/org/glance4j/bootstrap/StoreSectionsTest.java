package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.glance4j.bootstrap.config.StoreConfig;
import org.glance4j.bootstrap.wiring.OpenStores;
import org.glance4j.bootstrap.wiring.StoreSections;
import org.glance4j.bootstrap.wiring.StoreTypes;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.ImageStoreFactory;
import org.glance4j.ports.out.store.StoreOption;
import org.glance4j.ports.out.store.StoreOptions;
import org.junit.jupiter.api.Test;

/** A store section against its factory's declaration, for any store type: bootstrap names none. */
class StoreSectionsTest {

    private static final StoreOption DIR =
            StoreOption.optional("vault_dir", null, "Where.").asOwnDirectory();
    private static final StoreOption CA =
            StoreOption.optional("vault_ca", null, "CA file.").asPath();
    private static final StoreOption TOKEN =
            StoreOption.required("vault_token", "The token.").asSecret();

    /** A store type that declares three options and never builds a store. */
    private static final ImageStoreFactory VAULT = new ImageStoreFactory() {
        @Override
        public String type() {
            return "vault";
        }

        @Override
        public StoreOptions options() {
            return StoreOptions.of(DIR, CA, TOKEN);
        }

        @Override
        public ImageStore create(String storeId, Map<String, String> options) {
            throw new IllegalStateException("created with " + options.keySet());
        }
    };

    @Test
    void anUnsetOwnDirectoryGoesIntoTheDataDirectoryAndRelativePathsBecomeAbsolute() {
        Path data = Path.of("/srv/data");
        StoreConfig multi = new StoreConfig("v1", "vault", "v1", Map.of("vault_ca", "certs/ca.pem"));
        StoreConfig prepared = StoreSections.prepare(multi, VAULT.options(), data);
        assertThat(prepared.options())
                .containsEntry("vault_dir", "/srv/data/v1")
                .containsEntry(
                        "vault_ca", Path.of("certs/ca.pem").toAbsolutePath().toString());
        assertThat(StoreSections.prepare(prepared, VAULT.options(), data)).isEqualTo(prepared);
        StoreConfig single = new StoreConfig("file", "vault", "glance_store", Map.of());
        assertThat(StoreSections.prepare(single, VAULT.options(), data).options())
                .containsEntry("vault_dir", "/srv/data/images");
        StoreConfig set = new StoreConfig("v1", "vault", "v1", Map.of("vault_dir", "/elsewhere"));
        assertThat(StoreSections.prepare(set, VAULT.options(), data).options())
                .containsEntry("vault_dir", "/elsewhere");
    }

    @Test
    void warningsNameUnknownOptionsWithTheClosestDeclaredOneAndNeverASecret() {
        StoreConfig store = new StoreConfig(
                "v1",
                "vault",
                "v1",
                Map.of("vault_tokn", "s3cr3t-value", "weight", "3", "vault_token", "s3cr3t-value"));
        assertThat(StoreSections.warnings(store, VAULT))
                .containsExactly("Store 'v1': unknown option vault_tokn (did you mean vault_token?); ignored");
        assertThat(StoreSections.ownOptions(store)).doesNotContainKey("weight");
    }

    @Test
    void aMissingRequiredOptionStopsTheStartBeforeTheFactoryIsCalled() {
        StoreConfig store = new StoreConfig("v1", "vault", "v1", Map.of("vault_dir", "/x"));
        assertThatThrownBy(() -> OpenStores.open(List.of(store), "v1", StoreTypes.of(List.of(VAULT))))
                .isInstanceOf(OpenStores.StoreStartException.class)
                .hasMessage("cannot start store 'v1' (type vault, options in [v1]): Store 'v1': option vault_token is"
                        + " required");
    }
}
