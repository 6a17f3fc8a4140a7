package org.glance4j.core.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.channels.Channels;
import java.nio.channels.ClosedByInterruptException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glance4j.core.data.HashAlgorithm;
import org.glance4j.core.data.ImageStores;
import org.glance4j.core.data.UploadConversion;
import org.glance4j.core.image.RevisionRetry;
import org.glance4j.core.lifecycle.ImageLifecycle;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageLocation;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.task.Task;
import org.glance4j.ports.model.task.TaskStatus;
import org.glance4j.ports.out.TaskRepository;
import org.glance4j.ports.out.importing.StagingArea;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.out.store.StoredObject;

/**
 * One import, run on an import thread, in Glance's order: confirm the lock, bring the data to the staging area
 * (web-download fetches it, copy-image copies it from a store, glance-direct finds it staged), run the plugins
 * (not for copy-image), inspect the result, write it to each target store while md5 and {@code os_hash_algo} are
 * computed, make the image active (at the last store when all must succeed, at the first otherwise), delete the
 * staged data, record the task's outcome and drop the lock. Any failure deletes what was written, puts the image
 * back to queued (copy-image leaves it active), moves its stores to {@code os_glance_failed_import}, and records
 * the reason as the task's message.
 */
final class ImportJob implements Runnable {

    private static final Logger LOG = Logger.getLogger(ImportJob.class.getName());

    private final ImportContext ctx;
    private final String taskId;
    private final String imageId;
    private final ImportRequest request;
    private final List<String> targets;
    private final java.util.Set<String> roles;
    private final List<Written> written = new ArrayList<>();
    /** Glance's progress message, which a successful task keeps: {@code Copied <n> MiB}. */
    private String progress = "";

    private boolean progressMessages = true;
    /** Run after the clean-up of a failed import and before its failure is recorded; null for none. */
    private Runnable undoOnFailure;
    /** The unified limits checked before the work begins, and the project they are checked for. */
    private org.glance4j.core.quota.UnifiedLimits limits = org.glance4j.core.quota.UnifiedLimits.off();

    private String projectId;

    /** One object an import wrote. */
    private record Written(ImageStore store, StoredObject object) {}

    ImportJob(
            ImportContext ctx,
            String taskId,
            String imageId,
            ImportRequest request,
            List<String> targets,
            java.util.Set<String> roles) {
        this.ctx = ctx;
        this.taskId = taskId;
        this.imageId = imageId;
        this.request = request;
        this.targets = List.copyOf(targets);
        this.roles = roles;
    }

    /** Keeps the task's message empty while it runs and after it succeeds, as Glance's legacy import does. */
    ImportJob withoutProgressMessages() {
        this.progressMessages = false;
        return this;
    }

    /** Runs {@code undo} after the clean-up of a failure, before the task shows that failure. */
    ImportJob undoingOnFailure(Runnable undo) {
        this.undoOnFailure = undo;
        return this;
    }

    /** Checks {@code limits} for {@code project} before the work, as Glance's import flow does. */
    ImportJob checkingLimits(org.glance4j.core.quota.UnifiedLimits unifiedLimits, String project) {
        this.limits = unifiedLimits;
        this.projectId = project;
        return this;
    }

    @Override
    public void run() {
        if (markProcessing() && withinLimits()) {
            runProcessing();
        }
    }

    /**
     * Glance's checks once the image is marked as being imported: glance-direct must fit {@code image_size_total}
     * with the staged size; the methods that fetch into staging (web-download, copy-image) must fit
     * {@code image_stage_total} with the image's size and {@code image_count_uploading}. Over a limit, the targets
     * are no longer being imported to, an importing image is queued again, and the task fails with the refusal.
     */
    private boolean withinLimits() {
        if (!limits.enabled()) {
            return true;
        }
        try {
            Image image = ctx.records().current(imageId);
            long size = image == null || image.size() == null ? 0 : image.size();
            if (request.isCopy() || request.isWebDownload()) {
                limits.checkStagedSize(projectId, size);
                limits.checkUploading(projectId);
            } else {
                limits.checkStoredSize(projectId, size);
            }
            return true;
        } catch (GlanceException refused) {
            LOG.warning("Import task " + taskId + " of image " + imageId + " refused: " + refused.getMessage());
            ctx.records().overLimit(imageId, taskId, targets, request.isCopy());
            finishTask(TaskStatus.FAILURE, null, refused.getMessage());
            return false;
        }
    }

    /** The import of a task already moved to {@code processing}: never throws (but an {@link Error}). */
    void runProcessing() {
        try {
            execute();
            ctx.staging().delete(imageId);
            finishTask(TaskStatus.SUCCESS, Map.of("image_id", imageId), progress);
            ctx.records().release(imageId, taskId);
            LOG.info("Import task " + taskId + " of image " + imageId + " (" + request.method() + ") succeeded");
        } catch (Throwable e) {
            String reason = reason(e);
            LOG.log(
                    e instanceof GlanceException ? Level.WARNING : Level.SEVERE,
                    "Import task " + taskId + " of image " + imageId + " failed: " + reason,
                    e instanceof GlanceException && e.getCause() == null ? null : e);
            if (undoOnFailure == null) {
                finishTask(TaskStatus.FAILURE, null, reason);
                cleanUp();
            } else {
                cleanUp();
                undoOnFailure.run();
                finishTask(TaskStatus.FAILURE, null, reason);
            }
            if (e instanceof Error error && !(e instanceof AssertionError)) {
                throw error;
            }
        }
    }

    private boolean markProcessing() {
        Task task = ctx.tasks().find(taskId).orElse(null);
        if (task == null || task.status() != TaskStatus.PENDING) {
            LOG.warning("Import task " + taskId + " is "
                    + (task == null ? "gone" : task.status().wireName()) + "; not running it");
            ctx.records().release(imageId, taskId);
            return false;
        }
        ctx.tasks().update(task.withStatus(TaskStatus.PROCESSING, "", ctx.time().after(task.updatedAt())));
        return true;
    }

    private void execute() throws IOException, InterruptedException {
        Image image = requireLockedImage();
        if (request.isWebDownload()) {
            ctx.staging().delete(imageId);
            ctx.fetcher()
                    .fetch(request.uri(), ctx.staging(), imageId, ctx.data().imageSizeCap());
        } else if (request.isCopy()) {
            ctx.staging().delete(imageId);
            copyToStaging(image);
        }
        if (!ctx.staging().has(imageId)) {
            throw StagedData.missing(imageId);
        }
        ImportWork work = new ImportWork(imageId, roles, image.diskFormat(), image.containerFormat());
        if (!request.isCopy()) {
            work.outputFormat = outputFormat();
            for (ImportPlugin plugin : ctx.plugins()) {
                checkInterrupted();
                plugin.apply(work);
            }
            convertForStores(work);
            StagedImageInspector.Inspection inspection =
                    StagedData.inspect(ctx.staging(), ctx.inspector(), imageId, work.diskFormat);
            if (work.virtualSize == null) {
                work.virtualSize = inspection.virtualSize();
            }
        }
        writeToStores(work);
    }

    /**
     * The one disk format the targets want: each store's {@code image_conversion_output_format}, else, with the
     * {@code image_conversion} plugin, {@code [image_conversion] output_format}, else none (null).
     *
     * @throws GlanceException {@code INVALID} when the targets want different formats
     */
    private String outputFormat() {
        String cloudWide = conversionPlugin() ? ctx.settings().outputFormat() : null;
        Map<String, String> wanted = new LinkedHashMap<>();
        for (String storeId : targets) {
            wanted.put(storeId, ctx.stores().outputFormatOf(storeId).orElse(cloudWide));
        }
        java.util.Set<String> formats = new java.util.HashSet<>(wanted.values());
        if (formats.size() > 1) {
            throw GlanceException.invalid("The stores of this import want their images in different disk formats "
                    + wanted.toString().replace("null", "as uploaded") + "; import to them one at a time.");
        }
        return formats.isEmpty() ? cloudWide : formats.iterator().next();
    }

    private boolean conversionPlugin() {
        return ctx.plugins().stream().anyMatch(p -> p instanceof ConversionPlugin);
    }

    /**
     * Without the {@code image_conversion} plugin, converts the staged data to the format the target stores want,
     * with the rules of uploads ({@link UploadConversion#targetFormat}).
     */
    private void convertForStores(ImportWork work) throws InterruptedException {
        if (work.outputFormat == null || conversionPlugin() || ctx.conversion() == null) {
            return;
        }
        String target = UploadConversion.targetFormat(
                java.util.Optional.of(work.outputFormat),
                String.join(",", targets),
                work.diskFormat,
                work.containerFormat);
        if (target != null) {
            ConversionPlugin.convert(ctx.conversion(), work, target);
        }
    }

    private Image requireLockedImage() {
        Image image = ctx.records().current(imageId);
        if (image == null || image.isDeleted()) {
            throw GlanceException.notFound("Image has been deleted, aborting import.");
        }
        if (!taskId.equals(image.properties().get(ImportProperties.LOCK))) {
            throw GlanceException.conflict("Image " + imageId + " is not locked by import task " + taskId);
        }
        return image;
    }

    /** copy-image: the bytes of the image's first readable location, to the staging area. */
    private void copyToStaging(Image image) {
        for (ImageLocation location : image.locations()) {
            ImageStore store = ctx.stores().byId(location.storeId()).orElse(null);
            if (store == null || !store.capabilities().contains(StoreCapability.READ)) {
                continue;
            }
            try (InputStream in = store.read(location.url(), null)) {
                ctx.staging().write(imageId, in);
                return;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        throw GlanceException.conflict("No readable location of image " + imageId + " to copy from");
    }

    private void writeToStores(ImportWork work) throws IOException, InterruptedException {
        HashAlgorithm algorithm = HashAlgorithm.of(ctx.data().hashingAlgorithm());
        String md5 = null;
        String hash = null;
        long size = ctx.staging().size(imageId).orElseThrow(() -> StagedData.missing(imageId));
        List<String> failed = new ArrayList<>();
        boolean active = false;
        for (int i = 0; i < targets.size(); i++) {
            checkInterrupted();
            String storeId = targets.get(i);
            boolean last = i == targets.size() - 1;
            ImageStore store = ctx.stores()
                    .byId(storeId)
                    .orElseThrow(() -> GlanceException.conflict("Unknown scheme '" + storeId + "' found in URI"));
            try {
                store.require(StoreCapability.WRITE);
                MessageDigest md5Digest = HashAlgorithm.MD5.newDigest();
                MessageDigest hashDigest = algorithm.newDigest();
                StoredObject stored;
                try (InputStream in = new DigestInputStream(
                        new DigestInputStream(
                                Channels.newInputStream(StagedData.open(ctx.staging(), imageId)), md5Digest),
                        hashDigest)) {
                    stored = store.write(imageId, in, size);
                }
                written.add(new Written(store, stored));
                reportProgress(stored.size());
                md5 = HexFormat.of().formatHex(md5Digest.digest());
                hash = HexFormat.of().formatHex(hashDigest.digest());
                if (request.isCopy()) {
                    addCopyLocation(store, stored);
                } else if (!request.allStoresMustSucceed() || last) {
                    activateOrAdd(work, store, stored, md5, hash, algorithm, !active, last);
                    active = true;
                }
            } catch (ClosedByInterruptException | InterruptedIOException e) {
                throw new InterruptedException("interrupted while writing to store '" + storeId + "'");
            } catch (RuntimeException | IOException e) {
                if (request.allStoresMustSucceed()) {
                    throw e;
                }
                LOG.warning("Import task " + taskId + ": store '" + storeId + "' failed (" + reason(e)
                        + "); all_stores_must_succeed is false, so the import goes on");
                failed.add(storeId);
                markStoreFailed(storeId);
            }
        }
        if (!request.isCopy() && !active) {
            throw GlanceException.unavailable("None of the uploads finished!", null);
        }
    }

    /**
     * Records the location of a written object. The first one (or, when all stores must succeed, all written so
     * far at the last store) makes the image active with its size, checksums and plugin changes.
     */
    private void activateOrAdd(
            ImportWork work,
            ImageStore store,
            StoredObject stored,
            String md5,
            String hash,
            HashAlgorithm algorithm,
            boolean activate,
            boolean last) {
        List<Written> toRecord =
                request.allStoresMustSucceed() ? List.copyOf(written) : List.of(new Written(store, stored));
        RevisionRetry.run(() -> {
            Image current = requireLockedImage();
            Image.Builder next;
            if (activate) {
                if (current.status() != ImageStatus.IMPORTING) {
                    throw GlanceException.conflict("Image status transition from "
                            + current.status().wireName() + " to active is not allowed");
                }
                next =
                        ImageLifecycle.of(current)
                                .moveTo(ImageStatus.ACTIVE, ctx.time().after(current.updatedAt()))
                                .toBuilder()
                                .size(stored.size())
                                .virtualSize(work.virtualSize)
                                .checksum(md5)
                                .osHashAlgo(algorithm.glanceName())
                                .osHashValue(hash)
                                .diskFormat(work.diskFormat)
                                .containerFormat(work.containerFormat);
                work.extraProperties.forEach(next::property);
            } else {
                next = current.toBuilder().updatedAt(ctx.time().after(current.updatedAt()));
            }
            List<ImageLocation> locations = new ArrayList<>(current.locations());
            List<String> done = new ArrayList<>();
            for (Written w : toRecord) {
                locations.add(new ImageLocation(
                        w.object().location(),
                        w.store().id(),
                        Map.of("store", w.store().id())));
                done.add(w.store().id());
            }
            next.locations(locations);
            ImportProperties.merge(next, current, ImportProperties.IMPORTING, done, true);
            return ctx.records().repository().update(next.build());
        });
        // once recorded, the objects belong to the image: a later failure must not delete them
        written.removeAll(toRecord);
    }

    private void addCopyLocation(ImageStore store, StoredObject stored) {
        RevisionRetry.run(() -> {
            Image current = requireLockedImage();
            Image.Builder next = current.toBuilder().updatedAt(ctx.time().after(current.updatedAt()));
            List<ImageLocation> locations = new ArrayList<>(current.locations());
            locations.add(new ImageLocation(stored.location(), store.id(), Map.of("store", store.id())));
            next.locations(locations);
            ImportProperties.merge(next, current, ImportProperties.IMPORTING, List.of(store.id()), true);
            return ctx.records().repository().update(next.build());
        });
        written.removeIf(w -> w.object().equals(stored));
    }

    private void markStoreFailed(String storeId) {
        RevisionRetry.run(() -> {
            Image current = requireLockedImage();
            Image.Builder next = current.toBuilder().updatedAt(ctx.time().after(current.updatedAt()));
            ImportProperties.merge(next, current, ImportProperties.IMPORTING, List.of(storeId), true);
            Image partial = next.build();
            ImportProperties.merge(next, partial, ImportProperties.FAILED, List.of(storeId), false);
            return ctx.records().repository().update(next.build());
        });
    }

    private void cleanUp() {
        for (Written w : written) {
            try {
                w.store().delete(w.object().location());
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "Cannot delete " + w.object().location() + " from store '"
                                + w.store().id() + "' after the failed import of image " + imageId + ": "
                                + e.getMessage());
            }
        }
        written.clear();
        ctx.staging().delete(imageId);
        Image current = ctx.records().current(imageId);
        List<String> pending = current == null
                ? targets
                : List.copyOf(ImportProperties.parse(current.properties().get(ImportProperties.IMPORTING)));
        ctx.records().fail(imageId, taskId, pending.isEmpty() ? targets : pending, request.isCopy());
    }

    private void reportProgress(long bytes) {
        if (!progressMessages) {
            return;
        }
        progress = "Copied " + (bytes >> 20) + " MiB";
        try {
            ctx.tasks()
                    .find(taskId)
                    .filter(t -> t.status() == TaskStatus.PROCESSING)
                    .ifPresent(t -> ctx.tasks()
                            .update(t.withStatus(
                                    TaskStatus.PROCESSING, progress, ctx.time().after(t.updatedAt()))));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot record the progress of import task " + taskId + ": " + e.getMessage());
        }
    }

    private void finishTask(TaskStatus status, Map<String, Object> result, String message) {
        try {
            Task task = ctx.tasks().find(taskId).orElse(null);
            if (task == null) {
                return;
            }
            var now = ctx.time().after(task.updatedAt());
            ctx.tasks()
                    .update(task.finished(
                            status,
                            result == null ? null : new LinkedHashMap<>(result),
                            message,
                            now,
                            now.plus(ctx.settings().taskTimeToLiveHours(), java.time.temporal.ChronoUnit.HOURS)));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Cannot record the outcome of import task " + taskId, e);
        }
    }

    private static void checkInterrupted() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("the server is stopping");
        }
    }

    static String reason(Throwable e) {
        if (e instanceof InterruptedException) {
            return "The import was interrupted: " + e.getMessage();
        }
        if (e instanceof GlanceException) {
            return e.getMessage();
        }
        return "The import failed due to an internal error.";
    }

    /** The services an import job works with. */
    record ImportContext(
            ImportRecords records,
            TaskRepository tasks,
            StagingArea staging,
            ImageStores stores,
            org.glance4j.core.settings.DataSettings data,
            org.glance4j.core.settings.ImportSettings settings,
            WebFetcher fetcher,
            List<ImportPlugin> plugins,
            StagedImageInspector inspector,
            StagedConversion conversion) {

        org.glance4j.core.image.Timestamps time() {
            return records.time();
        }
    }
}
