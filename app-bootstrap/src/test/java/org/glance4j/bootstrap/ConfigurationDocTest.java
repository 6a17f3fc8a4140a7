package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.glance4j.bootstrap.config.GlanceOptions;
import org.glance4j.bootstrap.config.OptionSpec;
import org.junit.jupiter.api.Test;

/** Keeps docs/configuration.md's option table equal to the catalogue the server uses. */
class ConfigurationDocTest {

    @Test
    void theDocumentedTableIsTheCatalogue() throws Exception {
        Path doc = Path.of("..", "docs", "configuration.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int begin = text.indexOf("-->", text.indexOf("<!-- options:begin")) + 4;
        int end = text.indexOf("<!-- options:end -->");
        assertThat(begin).isGreaterThan(3);
        assertThat(text.substring(begin, end))
                .as("regenerate the table in %s from GlanceOptions.markdownTable()", doc)
                .isEqualTo(GlanceOptions.markdownTable());
        for (OptionSpec option : GlanceOptions.ALL) {
            assertThat(text).contains("| `[" + option.section() + "]` | `" + option.name() + "` |");
        }
    }
}
