package org.glance4j.ports.out.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class OptionSpellingTest {

    @Test
    void distanceIsLevenshteinIgnoringCaseAndTheDashUnderscoreDifference() {
        assertThat(OptionSpelling.distance("rbd_store_pool", "rbd_store_pool")).isZero();
        assertThat(OptionSpelling.distance("RBD-Store-Pool", "rbd_store_pool")).isZero();
        assertThat(OptionSpelling.distance("rbd_store_pol", "rbd_store_pool")).isEqualTo(1);
        assertThat(OptionSpelling.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(OptionSpelling.distance("", "abc")).isEqualTo(3);
    }

    @Test
    void shortNamesAllowOneEditLongerNamesTwo() {
        List<String> names = List.of("port", "bind_host");
        assertThat(OptionSpelling.closest("prt", names, Function.identity())).contains("port");
        assertThat(OptionSpelling.closest("pr", names, Function.identity())).isEmpty();
        assertThat(OptionSpelling.closest("bnd_hst", names, Function.identity()))
                .isEmpty();
        assertThat(OptionSpelling.closest("bind_hst", names, Function.identity()))
                .contains("bind_host");
        assertThat(OptionSpelling.closest("bnd_hst_", names, Function.identity()))
                .isEmpty();
        assertThat(OptionSpelling.closest("bnd__host", names, Function.identity()))
                .contains("bind_host");
    }

    @Test
    void theClosestWinsAndOfEquallyCloseOnesTheFirst() {
        List<String> names = List.of("store_a_size", "store_b_size", "store_size");
        assertThat(OptionSpelling.closest("store_c_size", names, Function.identity()))
                .contains("store_a_size");
        assertThat(OptionSpelling.closest("store_sise", names, Function.identity()))
                .contains("store_size");
        assertThat(OptionSpelling.closest("anything", List.<String>of(), Function.identity()))
                .isEmpty();
    }

    @Test
    void storeOptionsSuggestTheClosestDeclaredName() {
        StoreOptions options = StoreOptions.of(
                StoreOption.optional("rbd_store_pool", "images", "The pool."),
                StoreOption.ignored("rbd_store_pool_old"));
        assertThat(options.closest("rbd_store_pol")).contains("rbd_store_pool");
        assertThat(options.closest("completely_else")).isEmpty();
        assertThat(options.find("rbd_store_pool_old"))
                .get()
                .satisfies(o -> assertThat(o.honoured()).isFalse())
                .satisfies(o -> assertThat(o.help()).isEqualTo("Ignored."));
    }
}
