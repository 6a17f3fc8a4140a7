package org.glance4j.core.importing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import org.glance4j.core.image.RevisionRetry;
import org.glance4j.core.lifecycle.ImageLifecycle;
import org.glance4j.core.lifecycle.LeftBehindImages;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageQuery;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.task.Task;
import org.glance4j.ports.model.task.TaskStatus;
import org.glance4j.ports.out.TaskRepository;
import org.glance4j.ports.out.importing.StagingArea;

/**
 * Finishes, at start, what a crash of this node interrupted, so that no image stays {@code importing} or
 * {@code uploading} forever: every import task this node left pending or processing fails (its image goes back
 * to queued, its stores to {@code os_glance_failed_import}, its lock is dropped, its staged data deleted), and
 * every image this node was staging goes back to queued without its partial staged data. A staged image waiting
 * for its import is left as it is.
 */
public final class ImportRecovery {

    private static final Logger LOG = Logger.getLogger(ImportRecovery.class.getName());
    private static final int PAGE = 500;

    private final ImportRecords records;
    private final TaskRepository tasks;
    private final StagingArea staging;
    private final String nodeId;
    private final int taskTimeToLiveHours;

    ImportRecovery(
            ImportRecords records, TaskRepository tasks, StagingArea staging, String nodeId, int taskTimeToLiveHours) {
        this.records = records;
        this.tasks = tasks;
        this.staging = staging;
        this.nodeId = nodeId;
        this.taskTimeToLiveHours = taskTimeToLiveHours;
    }

    /** Fails the interrupted imports and stages of this node; returns how many. */
    public int recover() {
        return recover(nodeId);
    }

    /**
     * Fails the interrupted imports and stages of the node {@code nodeId} (this node at its start, or a node found
     * dead through its lease); returns how many. Staged data is deleted from this node's staging area, which holds
     * the dead node's only when the staging directory is shared.
     */
    public int recover(String nodeId) {
        int recovered = 0;
        for (Task task : tasks.listUnfinished(nodeId)) {
            Instant now = records.time().after(task.updatedAt());
            String reason = "The import was interrupted: glance4j node '" + nodeId + "' stopped while it ran";
            tasks.update(task.finished(
                    TaskStatus.FAILURE, null, reason, now, now.plus(Duration.ofHours(taskTimeToLiveHours))));
            String imageId = task.imageId() != null ? task.imageId() : imageLockedBy(task.id());
            if (imageId != null) {
                Image image = records.current(imageId);
                boolean copy = task.input().get("import_req") instanceof java.util.Map<?, ?> req
                        && req.get("method") instanceof java.util.Map<?, ?> method
                        && "copy-image".equals(method.get("name"));
                List<String> stores = image == null
                        ? List.of()
                        : List.copyOf(ImportProperties.parse(image.properties().get(ImportProperties.IMPORTING)));
                if (image != null && task.id().equals(image.properties().get(ImportProperties.LOCK))) {
                    staging.delete(imageId);
                }
                records.fail(imageId, task.id(), stores, copy);
            }
            LOG.warning("Import task " + task.id() + " of image " + imageId + " was interrupted by a stop of "
                    + "node '" + nodeId + "'; it has failed and the image is queued again");
            recovered++;
        }
        return recovered + recoverStages(nodeId);
    }

    /**
     * The image an import task holds the lock of, for a task that does not name its image: the legacy
     * {@code import} task of {@code POST /v2/tasks} creates its image itself and, as in Glance, records it only in
     * its result when it succeeds.
     */
    private String imageLockedBy(String taskId) {
        ImageQuery query = LeftBehindImages.withProperty(null, ImportProperties.LOCK, taskId, 1);
        List<Image> locked = records.repository().list(query);
        return locked.isEmpty() ? null : locked.get(0).id();
    }

    private int recoverStages(String nodeId) {
        int recovered = 0;
        while (true) {
            List<Image> page = records.repository().list(stagingQuery(nodeId));
            if (page.isEmpty()) {
                return recovered;
            }
            for (Image image : page) {
                Image restored = RevisionRetry.run(() -> {
                    Image current = records.current(image.id());
                    if (!LeftBehindImages.isStillLeft(
                            current, ImageStatus.UPLOADING, ImportProperties.STAGING_NODE, nodeId)) {
                        return null;
                    }
                    return records.repository()
                            .update(ImageLifecycle.of(current)
                                    .moveTo(ImageStatus.QUEUED, records.time().after(current.updatedAt()))
                                    .toBuilder()
                                    .removeProperty(ImportProperties.STAGING_NODE)
                                    .removeProperty(ImportProperties.STAGE_HOST)
                                    .build());
                });
                staging.delete(image.id());
                if (restored != null) {
                    recovered++;
                    LOG.warning("Image " + image.id() + " was left uploading by an interrupted stage on node '" + nodeId
                            + "'; it is queued again");
                }
            }
        }
    }

    private static ImageQuery stagingQuery(String nodeId) {
        return LeftBehindImages.withProperty(ImageStatus.UPLOADING, ImportProperties.STAGING_NODE, nodeId, PAGE);
    }
}
