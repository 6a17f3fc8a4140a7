package org.glance4j.bootstrap;

import java.time.Instant;
import java.util.Set;
import org.glance4j.bootstrap.cli.DeletedRows;
import org.glance4j.jdbc.glance.GlanceTaskReader;
import org.glance4j.jdbc.glance.GlanceTaskRecord;
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

    private final DeletedRows deleted;
    private final ImportTally tally = new ImportTally("tasks");
    private final ImportProblems problems;
    private final RecordCopy<Task> copy;

    /**
     * @param tasks    glance4j's tasks, or null for a dry run (compared with nothing, written to nowhere)
     * @param problems where problems are reported, per task
     */
    GlanceTaskImport(TaskRepository tasks, DeletedRows deleted, boolean replaceChanged, ImportProblems problems) {
        this.deleted = deleted;
        this.problems = problems;
        RecordCopy.Repository<Task> repository = tasks == null
                ? null
                : new RecordCopy.Repository<>(
                        wanted -> tasks.find(wanted.id()), tasks::add, (stored, wanted) -> tasks.update(wanted));
        this.copy = new RecordCopy<>(repository, NOTHING_IGNORED, replaceChanged, tally, problems);
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
            problems.add(
                    subject,
                    "it was still " + task.status().wireName() + " in Glance; glance4j copies it as"
                            + " it is and will not carry on with it");
        }
        copy.copy(subject, task, "glance4j's copy differs in ", "not copied: ");
    }

    /** A task Glance deleted, as an expired one: it expires at the latest when Glance deleted it. */
    private static Task expiredBy(Task task, Instant deletedAt) {
        Instant expires =
                task.expiresAt() == null || task.expiresAt().isAfter(deletedAt) ? deletedAt : task.expiresAt();
        return new Task(
                task.id(),
                task.type(),
                task.status(),
                task.owner(),
                task.input(),
                task.result(),
                task.message(),
                task.imageId(),
                task.requestId(),
                task.userId(),
                task.node(),
                expires,
                task.createdAt(),
                task.updatedAt());
    }
}
