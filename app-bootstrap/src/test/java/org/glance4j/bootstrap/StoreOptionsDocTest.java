package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.glance4j.bootstrap.wiring.StoreOptionsDoc;
import org.glance4j.bootstrap.wiring.StoreTypes;
import org.glance4j.ports.out.store.ImageStoreFactory;
import org.glance4j.ports.out.store.StoreOption;
import org.junit.jupiter.api.Test;

/**
 * Keeps the store sections of docs/configuration.md equal to what the store factories declare: the server names no
 * store option itself. The expected text is also written to target/store-options.md, to paste after a change.
 */
class StoreOptionsDocTest {

    @Test
    void theDocumentedStoreSectionsAreTheDeclarations() throws Exception {
        // the built-in stores, those of the runnable jar, and the rbd plugin (a test dependency of this module); not
        // the test stores of this module
        List<ImageStoreFactory> builtIn = StoreTypes.classPath().list().stream()
                .map(StoreTypes.Found::factory)
                .filter(f -> !f.getClass().getName().startsWith("org.glance4j.bootstrap."))
                .toList();
        String expected = StoreOptionsDoc.markdown(builtIn);
        Files.writeString(Path.of("target", "store-options.md"), expected, StandardCharsets.UTF_8);
        Path doc = Path.of("..", "docs", "configuration.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int begin = text.indexOf("-->", text.indexOf("<!-- store-options:begin")) + 4;
        int end = text.indexOf("<!-- store-options:end -->");
        assertThat(begin).isGreaterThan(3);
        assertThat(text.substring(begin, end))
                .as(
                        "regenerate the store sections of %s from StoreOptionsDoc.markdown() (target/store-options.md)",
                        doc)
                .isEqualTo(expected);
        assertThat(builtIn).extracting(ImageStoreFactory::type).contains("file", "s3", "swift", "http");
        for (ImageStoreFactory factory : builtIn) {
            assertThat(factory.options().declared())
                    .as("%s declares its options", factory.type())
                    .isTrue();
            for (StoreOption option : factory.options().list()) {
                assertThat(text).contains("| `" + option.name() + "` |");
            }
        }
    }
}
