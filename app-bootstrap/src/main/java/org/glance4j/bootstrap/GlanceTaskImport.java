package org.glance4j.bootstrap;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.glance4j.bootstrap.cli.DeletedRows;
import org.glance4j.jdbc.glance.GlanceTaskReader;
import org.glance4j.jdbc.glance.GlanceTaskRecord;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.task.Task;
import org.glance4j.ports.out.TaskRepository;

/**
 * The tasks part of {@code db import-glance}: every task of the Glance database with its input, result and
 * message goes to glance4j's task repository under its own id. A task glance4j already holds is left as it is
 * when equal, and reported (or replaced, when asked) when it differs. A task Glance soft-deleted (Glance does so
 * once a task has expired) is skipped, or carried as an expired task: glance4j does not list it, as Glance does
 * not. A task still pending or processing is copied and reported: glance4j will not carry on with it.
 */
final class GlanceTaskImport {
    private static final Set<String> NOTHING_IGNORED = Set.of();

    private final TaskRepository tasks;
    private final DeletedRows deleted;
    private final boolean replaceChanged;
    private final ImportTally tally = new ImportTally("tasks");
    private final ImportProblems problems;

    /**
     * @param tasks    glance4j's tasks, or null for a dry run (compared with nothing, written to nowhere)
     * @param problems where problems are reported, per task
     */
    GlanceTaskImport(TaskRepository tasks, DeletedRows deleted, boolean replaceChanged, ImportProblems problems) {
        this.tasks = tasks;
        this.deleted = deleted;
        this.replaceChanged = replaceChanged;
        this.problems = problems;
    }

    /** Copies every task the reader gives and returns the counts. */
    ImportTally run(GlanceTaskReader reader) {
        reader.forEachTask(this::copy);
        return tally;
    }

    private void copy(GlanceTaskRecord record) {
        String subject = "task " + record.id();
        if (record.deleted() && deleted == DeletedRows.SKIP) {
            tally.skipped++;
            return;
        }
        if (record.problem() != null) {
            tally.failed++;
            problems.add(subject, "not copied: " + record.problem());
            return;
        }
        Task task = record.deleted() ? expiredBy(record.task(), record.deletedAt()) : record.task();
        if (!task.status().isFinal() && !record.deleted()) {
            problems.add(subject, "it was still " + task.status().wireName() + " in Glance; glance4j copies it as"
                    + " it is and will not carry on with it");
        }
        try {
            Optional<Task> stored = tasks == null ? Optional.empty() : tasks.find(task.id());
            if (stored.isEmpty()) {
                if (tasks != null) {
                    tasks.add(task);
                }
                tally.copied++;
                return;
            }
            List<String> differences = RecordDifferences.between(stored.get(), task, NOTHING_IGNORED);
            if (differences.isEmpty()) {
                tally.unchanged++;
            } else if (replaceChanged) {
                tasks.update(task);
                tally.replaced++;
            } else {
                tally.differing++;
                problems.add(subject, "glance4j's copy differs in " + String.join(", ", differences)
                        + "; kept (--replace-changed takes Glance's)");
            }
        } catch (GlanceException e) {
            tally.failed++;
            problems.add(subject, "not copied: " + e.getMessage());
        }
    }

    /** A task Glance deleted, as an expired one: it expires at the latest when Glance deleted it. */
    private static Task expiredBy(Task task, Instant deletedAt) {
        Instant expires = task.expiresAt() == null || task.expiresAt().isAfter(deletedAt) ? deletedAt
                : task.expiresAt();
        return new Task(task.id(), task.type(), task.status(), task.owner(), task.input(), task.result(),
                task.message(), task.imageId(), task.requestId(), task.userId(), task.node(), expires,
                task.createdAt(), task.updatedAt());
    }
}
