package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.glance4j.ports.error.GlanceException;
import org.junit.jupiter.api.Test;

/** How {@code db import-glance} copies one record glance4j may already hold. */
class RecordCopyTest {

    record Item(String id, String value, long revision) {}

    private final Map<String, Item> held = new LinkedHashMap<>();
    private final ImportTally tally = new ImportTally("items");
    private final ImportProblems problems = new ImportProblems();

    private final RecordCopy.Repository<Item> repository = new RecordCopy.Repository<>(
            wanted -> {
                if (wanted.id().equals("unreadable")) {
                    throw GlanceException.conflict("database is locked");
                }
                return Optional.ofNullable(held.get(wanted.id()));
            },
            wanted -> held.put(wanted.id(), wanted),
            (stored, wanted) -> held.put(wanted.id(), new Item(wanted.id(), wanted.value(), stored.revision())));

    private RecordCopy<Item> copy(boolean replaceChanged) {
        return new RecordCopy<>(repository, Set.of("revision"), replaceChanged, tally, problems);
    }

    @Test
    void addsWhatIsMissingLeavesWhatIsEqualAndKeepsAndReportsWhatDiffers() {
        held.put("same", new Item("same", "v", 7));
        held.put("changed", new Item("changed", "old", 7));
        RecordCopy<Item> copy = copy(false);

        copy.copy("item new", new Item("new", "v", 0), "differs in ", "not copied: ");
        copy.copy("item same", new Item("same", "v", 0), "differs in ", "not copied: ");
        copy.copy("item changed", new Item("changed", "new", 0), "glance4j's copy differs in ", "not copied: ");
        copy.copy("item unreadable", new Item("unreadable", "v", 0), "differs in ", "not carried: ");

        assertThat(held)
                .containsEntry("new", new Item("new", "v", 0))
                .containsEntry("changed", new Item("changed", "old", 7));
        assertThat(tally.line(false))
                .isEqualTo("items: 1 copied, 1 unchanged, 1 differ (kept), 0 replaced, 0 skipped, 1 failed");
        assertThat(printed())
                .containsExactly(
                        "item changed: glance4j's copy differs in value; kept (--replace-changed takes Glance's)",
                        "item unreadable: not carried: database is locked");
    }

    @Test
    void replacesWhatDiffersWhenAsked() {
        held.put("changed", new Item("changed", "old", 7));

        copy(true).copy("item changed", new Item("changed", "new", 0), "differs in ", "not copied: ");

        assertThat(held).containsEntry("changed", new Item("changed", "new", 7));
        assertThat(tally.replaced).isEqualTo(1);
        assertThat(printed()).isEmpty();
    }

    @Test
    void aDryRunCountsEveryRecordAsCopiedAndWritesNothing() {
        RecordCopy<Item> dryRun = new RecordCopy<>(null, Set.of(), false, tally, problems);

        dryRun.copy("item a", new Item("a", "v", 0), "differs in ", "not copied: ");
        dryRun.copy("item unreadable", new Item("unreadable", "v", 0), "differs in ", "not copied: ");

        assertThat(held).isEmpty();
        assertThat(tally.copied).isEqualTo(2);
        assertThat(tally.wrote()).isTrue();
        assertThat(printed()).isEmpty();
    }

    private String[] printed() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        problems.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? new String[0] : text.split("\n");
    }
}
