package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

/** The progress bar of {@code db import-glance}. */
class ImportProgressTest {

    @Test
    void redrawsItsLineOnlyWhenThePercentageChangesAndEndsIt() {
        StringWriter drawn = new StringWriter();
        ImportProgress progress = new ImportProgress(new PrintWriter(drawn), "images", 400);
        for (int k = 0; k < 400; k++) {
            progress.step();
        }
        progress.finish();
        String text = drawn.toString();
        assertThat(text.split("\\r", -1)).as("one drawing per percent, 0 to 100").hasSize(102);
        assertThat(text).contains("\rimages [" + " ".repeat(30) + "] 0% 1/400")
                .contains("] 50% 200/400")
                .endsWith("\rimages [" + "#".repeat(30) + "] 100% 400/400" + System.lineSeparator());
    }
}
