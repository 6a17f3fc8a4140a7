package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How {@code db import-glance} tells a record glance4j holds from Glance's. */
class RecordDifferencesTest {

    record Item(String name, Map<String, Object> schema, long revision) {}

    @Test
    void namesTheComponentsThatDifferComparingJsonNumbersByValue() {
        Item stored = new Item("a", Map.of("max", 8, "list", List.of(1L, "x")), 3);
        assertThat(RecordDifferences.between(
                        stored, new Item("a", Map.of("max", 8L, "list", List.of(1, "x")), 3), Set.of()))
                .isEmpty();
        assertThat(RecordDifferences.between(
                        stored, new Item("a", Map.of("max", 8.0, "list", List.of(1, "x")), 0), Set.of("revision")))
                .isEmpty();
        assertThat(RecordDifferences.between(
                        stored, new Item("b", Map.of("max", 9, "list", List.of(1, "x")), 0), Set.of()))
                .containsExactly("name", "schema", "revision");
        assertThat(RecordDifferences.between(stored, new Item("a", Map.of("max", 8, "list", List.of(1)), 3), Set.of()))
                .containsExactly("schema");
    }
}
