package org.glance4j.core.importing;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import org.glance4j.core.data.ImageStores;
import org.glance4j.core.data.StatedDigestCheck;
import org.glance4j.core.data.UploadConversion;
import org.glance4j.core.image.ImageAccess;
import org.glance4j.core.image.ImageServiceParts;
import org.glance4j.core.image.RevisionRetry;
import org.glance4j.core.image.Timestamps;
import org.glance4j.core.lifecycle.ImageLifecycle;
import org.glance4j.core.policy.ImagePolicy;
import org.glance4j.core.policy.PolicyEngine;
import org.glance4j.core.quota.UnifiedLimits;
import org.glance4j.core.settings.DataSettings;
import org.glance4j.core.settings.ImportSettings;
import org.glance4j.core.text.StorableText;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ImportService;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageLocation;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.StatedDigest;
import org.glance4j.ports.model.task.Task;
import org.glance4j.ports.model.task.TaskStatus;
import org.glance4j.ports.out.ImageRepository;
import org.glance4j.ports.out.TaskRepository;
import org.glance4j.ports.out.importing.StagingArea;
import org.glance4j.ports.out.store.StoreCapability;

/**
 * Staging and import with Glance's rules; see {@link ImportService}.
 *
 * <p>The import lock ({@code os_glance_import_task}) is taken in the same revisioned update that moves the image to
 * {@code importing}, so of two racing imports exactly one wins and the other gets {@code CONFLICT}. A lock whose
 * task is gone or has ended is released at once ("the holder is gone"); one whose task is still pending or
 * processing is honoured until the task has not moved for 60 minutes (120 while pending), as in Glance.
 */
public final class DefaultImportService implements ImportService {

    private static final Logger LOG = Logger.getLogger(DefaultImportService.class.getName());
    private static final Duration LOCK_EXPIRY = Duration.ofMinutes(60);

    private final ImageRepository images;
    private final TaskRepository tasks;
    private final PolicyEngine policies;
    private final ImageAccess access;
    private final ImageStores stores;
    private final DataSettings data;
    private final ImportSettings settings;
    private final StagingArea staging;
    private final ImportExecutor executor;
    private final StagedImageInspector inspector;
    private final ImportIo io;
    private final Timestamps time;
    private final ImportJob.ImportContext jobContext;
    private final WebDownloadFilter filter;
    private final UnifiedLimits limits;
    /** Conversion with the disk image tool; null without one. */
    private final StagedConversion conversion;

    /** With {@code limits}: {@code image_stage_total}, {@code image_count_uploading} and {@code image_size_total}. */
    public DefaultImportService(
            ImageServiceParts parts,
            TaskRepository tasks,
            ImageStores stores,
            DataSettings data,
            ImportSettings settings,
            ImportIo io,
            ImportExecutor executor,
            StagedImageInspector inspector,
            UnifiedLimits limits) {
        this.limits = limits;
        this.images = parts.images();
        this.tasks = tasks;
        this.policies = parts.policies();
        this.access = parts.access();
        this.stores = stores;
        this.data = data;
        this.settings = settings;
        this.io = io;
        this.staging = io.staging();
        this.executor = executor;
        this.inspector = inspector;
        this.time = parts.time();
        this.filter = new WebDownloadFilter(settings.filter());
        this.conversion = io.tool() == null ? null : new StagedConversion(staging, inspector, io.tool());
        this.jobContext = new ImportJob.ImportContext(
                new ImportRecords(images, time),
                tasks,
                staging,
                stores,
                data,
                settings,
                new WebFetcher(filter, io.web()),
                plugins(),
                inspector,
                conversion);
    }

    /** The conversion of uploads to a store that wants another disk format; null without a disk image tool. */
    UploadConversion uploadConversion() {
        return conversion;
    }

    private List<ImportPlugin> plugins() {
        List<ImportPlugin> list = new ArrayList<>();
        for (String name : settings.plugins()) {
            switch (name) {
                case "image_decompression" -> list.add(new DecompressionPlugin(staging, data.imageSizeCap()));
                case "image_conversion" -> list.add(new ConversionPlugin(conversion));
                case "inject_image_metadata" ->
                    list.add(new InjectMetadataPlugin(settings.injectProperties(), settings.injectIgnoreRoles()));
                default -> {
                    // no_op
                }
            }
        }
        return list;
    }

    @Override
    public List<String> enabledMethods() {
        return settings.enabledMethods();
    }

    @Override
    public Map<String, Object> importInfo(RequestContext context) {
        Map<String, Object> methods = new LinkedHashMap<>();
        methods.put("description", "Import methods available.");
        methods.put("type", "array");
        methods.put("value", settings.enabledMethods());
        return Map.of("import-methods", methods);
    }

    // ------------------------------------------------------------------------------------------------ stage

    @Override
    public Image stage(RequestContext context, String imageId, InputStream body, long declaredSize) {
        return stage(context, imageId, body, declaredSize, List.of());
    }

    @Override
    public Image stage(
            RequestContext context, String imageId, InputStream body, long declaredSize, List<StatedDigest> stated) {
        StatedDigestCheck check = StatedDigestCheck.of(stated);
        if (!settings.enabledMethods().contains("glance-direct")) {
            throw GlanceException.notFound("'glance-direct' method is not available at this site.");
        }
        ImagePolicy policy = new ImagePolicy(policies, context);
        limits.guarded(context.projectId(), () -> {
            limits.checkStagedSize(context.projectId(), declaredSize);
            RevisionRetry.run(() -> {
                ImageAccess.Found found = access.load(context, policy, imageId);
                policy.enforce("modify_image", found.image(), found.memberId());
                Image image = found.image();
                if (declaredSize > data.imageSizeCap()) {
                    throw GlanceException.tooLarge("The incoming image is too large: The provided image is too large.");
                }
                Image uploading =
                        ImageLifecycle.of(image)
                                .moveTo(ImageStatus.UPLOADING, time.after(image.updatedAt()))
                                .toBuilder()
                                .property(ImportProperties.STAGING_NODE, data.nodeId())
                                .build();
                return images.update(uploading);
            });
            try {
                limits.checkUploading(context.projectId());
            } catch (RuntimeException e) {
                unstage(imageId);
                throw e;
            }
            return null;
        });
        // this call moved the image from queued to uploading, so any staged data of it is a stale leftover
        staging.delete(imageId);
        long size;
        try {
            StatedDigestCheck.Watched watched = check.isEmpty() ? null : check.watch(body);
            size = staging.write(
                    imageId, new CappedInputStream(watched == null ? body : watched.stream(), data.imageSizeCap()));
            if (watched != null) {
                watched.verify();
            }
            Image current = images.find(imageId).orElseThrow();
            StagedData.inspect(staging, inspector, imageId, current.diskFormat());
        } catch (RuntimeException | Error e) {
            staging.delete(imageId);
            unstage(imageId);
            throw e;
        }
        long staged = size;
        return RevisionRetry.run(() -> {
            Image current = images.find(imageId).orElse(null);
            if (current == null
                    || current.isDeleted()
                    || current.status() != ImageStatus.UPLOADING
                    || !data.nodeId().equals(current.properties().get(ImportProperties.STAGING_NODE))) {
                staging.delete(imageId);
                throw GlanceException.notFound("Image " + imageId + " could not be found after staging. The image "
                        + "may have been deleted during the upload.");
            }
            return images.update(current.toBuilder()
                    .updatedAt(time.after(current.updatedAt()))
                    .size(staged)
                    .removeProperty(ImportProperties.STAGING_NODE)
                    .property(ImportProperties.STAGE_HOST, data.nodeId())
                    .build());
        });
    }

    /** A failed stage: the image goes back to queued. */
    private void unstage(String imageId) {
        try {
            RevisionRetry.run(() -> {
                Image current = images.find(imageId).orElse(null);
                if (current == null || current.status() != ImageStatus.UPLOADING) {
                    return current;
                }
                return images.update(
                        ImageLifecycle.of(current)
                                .moveTo(ImageStatus.QUEUED, time.after(current.updatedAt()))
                                .toBuilder()
                                .removeProperty(ImportProperties.STAGING_NODE)
                                .removeProperty(ImportProperties.STAGE_HOST)
                                .build());
            });
        } catch (RuntimeException e) {
            LOG.severe("Unable to restore image " + imageId + " to queued after a failed stage: " + e);
        }
    }

    // ------------------------------------------------------------------------------------------------ import

    @Override
    public String importImage(RequestContext context, String imageId, Map<String, Object> body, String storeHeader) {
        StorableText.requireInJson("Import request", body, java.util.Set.of("name"));
        StorableText.requireIdentifier("Store", storeHeader);
        ImportRequest request = ImportRequest.parse(body, settings.enabledMethods());
        limits.checkStoredSize(context.projectId(), 0);
        ImagePolicy policy = new ImagePolicy(policies, context);
        ImageAccess.Found found = access.load(context, policy, imageId);
        Image image = found.image();
        checkStatus(image, request);
        if (request.isCopy()) {
            policy.enforce("copy_image", image, found.memberId());
        } else {
            policy.enforce("modify_image", image, found.memberId());
        }
        String stolen = staleLockOf(image);
        requireStagedDataHere(image, request);
        List<String> targets = targets(request, storeHeader, image);
        if (targets.isEmpty()) {
            return null;
        }
        if (!request.allStoresMustSucceed() && !settings.multiStore()) {
            throw GlanceException.invalid(
                    "All_stores_must_succeed can only be set with enabled_backends " + request.uri());
        }
        if (request.isWebDownload()) {
            WebDownloadFilter.Refusal refusal = new WebDownloadFilter(settings.filter()).check(request.uri());
            if (refusal != null) {
                LOG.info("URI for web-download does not pass filtering: " + request.uri() + " (" + refusal.detail()
                        + ")");
                throw GlanceException.invalid("URI for web-download does not pass filtering: " + request.uri() + " ("
                        + refusal.reason() + ")");
            }
        }
        Task task = newTask(context, imageId, request, targets);
        tasks.add(task);
        try {
            lock(imageId, task.id(), stolen, request, targets);
        } catch (RuntimeException e) {
            Instant now = time.after(task.updatedAt());
            tasks.update(task.finished(
                    TaskStatus.FAILURE,
                    null,
                    e.getMessage(),
                    now,
                    now.plus(Duration.ofHours(settings.taskTimeToLiveHours()))));
            throw e;
        }
        if (stolen != null) {
            failStolenTask(stolen);
        }
        executor.submit(
                context.requestId(),
                task.id(),
                new ImportJob(jobContext, task.id(), imageId, request, targets, context.roles())
                        .checkingLimits(limits, context.projectId()));
        return task.id();
    }

    ImportJob.ImportContext jobContext() {
        return jobContext;
    }

    WebDownloadFilter filter() {
        return filter;
    }

    ImportExecutor executor() {
        return executor;
    }

    private static void checkStatus(Image image, ImportRequest request) {
        ImageStatus status = image.status();
        if (status == ImageStatus.ACTIVE && !request.isCopy()) {
            throw GlanceException.conflict("Image with status active cannot be target for import");
        }
        if (status != ImageStatus.ACTIVE && request.isCopy()) {
            throw GlanceException.conflict("Only images with status active can be targeted for copying");
        }
        if (status != ImageStatus.QUEUED && request.isWebDownload()) {
            throw GlanceException.conflict("Image needs to be in 'queued' state to use 'web-download' method");
        }
        if (status != ImageStatus.UPLOADING && request.isGlanceDirect()) {
            throw GlanceException.conflict("Image needs to be staged before 'glance-direct' method can be used");
        }
        if (image.containerFormat() == null || image.containerFormat().isEmpty()) {
            throw GlanceException.conflict("'container_format' needs to be set before import");
        }
        if (image.diskFormat() == null || image.diskFormat().isEmpty()) {
            throw GlanceException.conflict("'disk_format' needs to be set before import");
        }
    }

    /**
     * A glance-direct import reads the staged data from this node's staging area; when a node finished staging it
     * and the data is not here (the nodes do not share their staging area), the import could only fail later.
     *
     * @throws GlanceException {@code CONFLICT} naming the node that staged the data, or when nothing was staged (an
     *                         image uploading through tus)
     */
    private void requireStagedDataHere(Image image, ImportRequest request) {
        String stageHost = image.properties().get(ImportProperties.STAGE_HOST);
        if (request.isGlanceDirect()
                && stageHost == null
                && !image.properties().containsKey(ImportProperties.STAGING_NODE)
                && !staging.has(image.id())) {
            // uploading, but not through stage: a resumable (tus) upload is under way
            throw GlanceException.conflict("Image needs to be staged before 'glance-direct' method can be used");
        }
        if (!request.isGlanceDirect()
                || stageHost == null
                || stageHost.equals(data.nodeId())
                || staging.has(image.id())) {
            return;
        }
        throw GlanceException.conflict("The staged data of image " + image.id() + " is on glance4j node '"
                + stageHost + "' and not in the staging area of node '" + data.nodeId() + "': the nodes must share"
                + " one staging area ([os_glance_staging_store] filesystem_store_datadir)");
    }

    /**
     * The task holding the image's lock when that lock may be taken over (its task is gone, has ended, or has not
     * moved for too long); null when the image is not locked.
     *
     * @throws GlanceException {@code CONFLICT} when the lock is held by a live task
     */
    private String staleLockOf(Image image) {
        String holder = image.properties().get(ImportProperties.LOCK);
        if (holder == null) {
            return null;
        }
        Task task = tasks.find(holder).orElse(null);
        if (task == null || task.status().isFinal()) {
            LOG.warning("Image " + image.id() + " is locked by " + (task == null ? "the missing" : "the ended")
                    + " import task " + holder + "; taking the lock over");
            return holder;
        }
        Duration expiry = task.status() == TaskStatus.PENDING ? LOCK_EXPIRY.multipliedBy(2) : LOCK_EXPIRY;
        Duration age = Duration.between(task.updatedAt(), time.now());
        if (age.compareTo(expiry) >= 0) {
            LOG.warning("Image " + image.id() + " import task " + holder + " has not moved for " + age
                    + "; taking the lock over");
            return holder;
        }
        throw GlanceException.conflict("Image has active task");
    }

    /** The stores an import writes to, as Glance's {@code get_stores_from_request} picks them. */
    private List<String> targets(ImportRequest request, String storeHeader, Image image) {
        if (!settings.multiStore()) {
            return List.of(stores.defaultStore().id());
        }
        List<String> chosen;
        if (request.allStores()) {
            if (request.stores() != null || storeHeader != null) {
                throw GlanceException.invalid(
                        "All_stores parameter can't be used with x-image-meta-store header " + "or stores parameter");
            }
            chosen = new ArrayList<>();
            for (String id : stores.ids()) {
                if (stores.byId(id).orElseThrow().capabilities().contains(StoreCapability.WRITE)) {
                    chosen.add(id);
                }
            }
        } else if (request.stores() != null) {
            if (storeHeader != null) {
                throw GlanceException.invalid(
                        "Stores parameter and x-image-meta-store header can't be both " + "specified");
            }
            chosen = new ArrayList<>(request.stores());
        } else {
            chosen = new ArrayList<>(List.of(
                    storeHeader != null ? storeHeader : stores.defaultStore().id()));
        }
        for (String id : chosen) {
            if (stores.byId(id).isEmpty()) {
                throw GlanceException.conflict("Unknown scheme '" + id + "' found in URI");
            }
        }
        if (request.isCopy()) {
            List<String> present =
                    image.locations().stream().map(ImageLocation::storeId).toList();
            if (request.allStores()) {
                chosen.removeAll(present);
            } else {
                for (String id : chosen) {
                    if (present.contains(id)) {
                        throw GlanceException.invalid("Image is already present at store '" + id + "'");
                    }
                }
            }
        }
        return chosen;
    }

    private Task newTask(RequestContext context, String imageId, ImportRequest request, List<String> targets) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("image_id", imageId);
        input.put("import_req", request.body());
        input.put("backend", targets);
        Instant now = time.now();
        return new Task(
                UUID.randomUUID().toString(),
                Task.API_IMAGE_IMPORT,
                TaskStatus.PENDING,
                context.projectId(),
                input,
                null,
                "",
                imageId,
                context.requestId(),
                context.userId(),
                data.nodeId(),
                null,
                now,
                now);
    }

    /** Takes the lock and marks the image as importing to {@code targets}, in one revisioned update. */
    void lock(String imageId, String taskId, String stolen, ImportRequest request, List<String> targets) {
        RevisionRetry.run(() -> {
            Image current = images.find(imageId).orElse(null);
            if (current == null || current.isDeleted()) {
                throw GlanceException.notFound("No image found with ID " + imageId);
            }
            String holder = current.properties().get(ImportProperties.LOCK);
            if (holder != null && !holder.equals(stolen)) {
                throw GlanceException.conflict("New operation on image '" + imageId + "' is not permitted as prior "
                        + "operation is still in progress");
            }
            checkStatus(current, request);
            Image.Builder next;
            if (request.isCopy()) {
                next = current.toBuilder().updatedAt(time.after(current.updatedAt()));
            } else {
                next =
                        ImageLifecycle.of(current)
                                .moveTo(ImageStatus.IMPORTING, time.after(current.updatedAt()))
                                .toBuilder()
                                .size(current.size());
            }
            next.property(ImportProperties.LOCK, taskId).removeProperty(ImportProperties.STAGE_HOST);
            ImportProperties.merge(next, current, ImportProperties.IMPORTING, targets, false);
            Image partial = next.build();
            ImportProperties.merge(next, partial, ImportProperties.FAILED, targets, true);
            return images.update(next.build());
        });
    }

    private void failStolenTask(String taskId) {
        tasks.find(taskId).filter(t -> !t.status().isFinal()).ifPresent(t -> {
            Instant now = time.after(t.updatedAt());
            tasks.update(t.finished(
                    TaskStatus.FAILURE,
                    null,
                    "The import lock was taken over by a newer import",
                    now,
                    now.plus(Duration.ofHours(settings.taskTimeToLiveHours()))));
        });
    }
}
