package org.glance4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonText}: what the databases already hold (written by the hand-made codec before Jackson) and what their
 * JSON aggregates return reads back to the same values, and what it writes is the same compact text.
 */
class JsonTextTest {

    @Test
    void textWrittenBeforeJacksonReadsBackTheSame() {
        // Bytes of a locations column and of a tag list as the former codec wrote them: control characters as
        // lower-case \\u escapes, quotes and backslashes escaped, everything else as it is.
        assertThat(JsonText.parseStringArray("[\"a\\\"b\",\"c\\\\d\",\"line\\u000aend\\u001f\",\"\u00e9\u6f22\"]"))
                .containsExactly("a\"b", "c\\d", "line\nend\u001f", "\u00e9\u6f22");
        Map<String, String> metadata = JsonText.parseStringObject("{\"store\":\"fast\",\"empty\":null,\"q\":\"\\\"\"}");
        assertThat(metadata.keySet()).containsExactly("store", "empty", "q");
        assertThat(metadata)
                .containsEntry("store", "fast")
                .containsEntry("empty", null)
                .containsEntry("q", "\"");
        assertThat(JsonText.parseStringArray("[]")).isEmpty();
        assertThat(JsonText.parseStringObject("{}")).isEmpty();
    }

    @Test
    void aggregatesWithSpacesAsPostgresqlAndMariaDbReturnThemRead() {
        assertThat(JsonText.parseStringArray("[\"b\", \"a\"]")).containsExactly("b", "a");
        assertThat(JsonText.parseStringObject("{ \"k2\" : \"v\", \"k1\" : \"w\" }")
                        .keySet())
                .containsExactly("k2", "k1");
    }

    @Test
    void writesCompactTextWithKeysInTheirOrder() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("z", "1");
        properties.put("a", null);
        properties.put("q", "say \"hi\" \\ \u00e9");
        assertThat(JsonText.stringObject(properties))
                .isEqualTo("{\"z\":\"1\",\"a\":null,\"q\":\"say \\\"hi\\\" \\\\ \u00e9\"}");
        assertThat(JsonText.stringArray(List.of("x", "y"))).isEqualTo("[\"x\",\"y\"]");
        assertThat(JsonText.stringArray(List.of())).isEqualTo("[]");
        String flat = JsonText.stringArray(Arrays.asList("file:///a", "fast", JsonText.stringObject(properties)));
        assertThat(JsonText.parseStringObject(JsonText.parseStringArray(flat).get(2)))
                .isEqualTo(properties);
    }

    @Test
    void definitionsKeepTheirKeyOrderAndNumbers() {
        String text = "{\"type\":\"integer\",\"title\":\"T\",\"minimum\":-1,\"maximum\":1.5,"
                + "\"enum\":[1,2],\"items\":{\"b\":true,\"a\":null}}";
        Map<String, Object> definition = JsonText.parseDefinition(text);
        assertThat(definition.keySet()).containsExactly("type", "title", "minimum", "maximum", "enum", "items");
        assertThat(JsonText.definition(definition)).isEqualTo(text);
    }

    @Test
    void malformedTextFailsLoudly() {
        assertThatThrownBy(() -> JsonText.parseStringArray("[\"a\""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("malformed JSON from the database");
        assertThatThrownBy(() -> JsonText.parseDefinition("not json"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a metadef definition");
    }
}
