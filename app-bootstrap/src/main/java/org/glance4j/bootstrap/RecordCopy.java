package org.glance4j.bootstrap;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.glance4j.ports.error.GlanceException;

/**
 * How {@code db import-glance} copies the records of one kind that glance4j may already hold: a record glance4j
 * lacks is added; one it holds equal is left alone; one that differs is replaced by Glance's when
 * {@code --replace-changed} asks for it, else kept and reported. Each outcome is counted in the kind's tally, and a
 * record that cannot be read or written is counted as failed and reported. On a dry run nothing is read or written
 * in glance4j: every record counts as one it lacks.
 *
 * @param <R> the kind of record
 */
final class RecordCopy<R extends Record> {

    /**
     * glance4j's records of the kind.
     *
     * @param find    glance4j's copy of a record of Glance, if it holds one
     * @param add     adds a record of Glance
     * @param replace replaces glance4j's copy (first) by the record of Glance (second)
     */
    record Repository<R>(Function<R, Optional<R>> find, Consumer<R> add, BiConsumer<R, R> replace) {}

    private final Repository<R> repository;
    private final Set<String> ignored;
    private final boolean replaceChanged;
    private final ImportTally tally;
    private final ImportProblems problems;

    /**
     * @param repository glance4j's records, or null for a dry run
     * @param ignored    the components whose differences do not count (e.g. {@code revision})
     */
    RecordCopy(
            Repository<R> repository,
            Set<String> ignored,
            boolean replaceChanged,
            ImportTally tally,
            ImportProblems problems) {
        this.repository = repository;
        this.ignored = ignored;
        this.replaceChanged = replaceChanged;
        this.tally = tally;
        this.problems = problems;
    }

    /**
     * Copies Glance's record {@code wanted}; problems are reported under {@code subject}, a difference after
     * {@code differs} (which names what differs next) and a failure after {@code failed}.
     */
    void copy(String subject, R wanted, String differs, String failed) {
        try {
            Optional<R> stored =
                    repository == null ? Optional.empty() : repository.find().apply(wanted);
            if (stored.isEmpty()) {
                if (repository != null) {
                    repository.add().accept(wanted);
                }
                tally.copied++;
                return;
            }
            List<String> differences = RecordDifferences.between(stored.get(), wanted, ignored);
            if (differences.isEmpty()) {
                tally.unchanged++;
            } else if (replaceChanged) {
                repository.replace().accept(stored.get(), wanted);
                tally.replaced++;
            } else {
                tally.differing++;
                problems.add(
                        subject,
                        differs + String.join(", ", differences) + "; kept (--replace-changed takes Glance's)");
            }
        } catch (GlanceException e) {
            tally.failed++;
            problems.add(subject, failed + e.getMessage());
        }
    }
}
