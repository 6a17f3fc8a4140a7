package org.glance4j.core;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.glance4j.core.cache.DefaultImageCacheService;
import org.glance4j.core.cache.EvictingImageActions;
import org.glance4j.core.cache.NodeImageCache;
import org.glance4j.core.data.DefaultImageActionService;
import org.glance4j.core.data.DefaultImageDataService;
import org.glance4j.core.data.DefaultImageLocationService;
import org.glance4j.core.data.DefaultStoreInfoService;
import org.glance4j.core.data.DefaultTusUploadService;
import org.glance4j.core.data.DownloadCache;
import org.glance4j.core.data.ImageStores;
import org.glance4j.core.data.StoreDataRemoval;
import org.glance4j.core.data.StoreLocationPatcher;
import org.glance4j.core.data.UploadRecovery;
import org.glance4j.core.format.FormatPolicy;
import org.glance4j.core.format.FormatSettings;
import org.glance4j.core.image.DataRemoval;
import org.glance4j.core.image.DefaultImageService;
import org.glance4j.core.image.DefaultImageTagService;
import org.glance4j.core.image.ImageRules;
import org.glance4j.core.image.ImageServiceParts;
import org.glance4j.core.importing.ImportIo;
import org.glance4j.core.importing.Importing;
import org.glance4j.core.importing.LegacyTaskLauncher;
import org.glance4j.core.importing.PolicyFormatInspector;
import org.glance4j.core.importing.StagedImageInspector;
import org.glance4j.core.member.DefaultImageMemberService;
import org.glance4j.core.metadef.MetadefCore;
import org.glance4j.core.policy.PolicyEngine;
import org.glance4j.core.policy.PropertyProtections;
import org.glance4j.core.quota.UnifiedLimits;
import org.glance4j.core.schema.DefaultSchemaService;
import org.glance4j.core.schema.ImageSchemaCatalog;
import org.glance4j.core.settings.CacheSettings;
import org.glance4j.core.settings.CoreSettings;
import org.glance4j.core.settings.DataSettings;
import org.glance4j.core.settings.ImportSettings;
import org.glance4j.core.settings.LocationSettings;
import org.glance4j.core.task.DefaultTaskService;
import org.glance4j.core.verify.DefaultImageVerificationService;
import org.glance4j.ports.in.ImageActionService;
import org.glance4j.ports.in.ImageCacheService;
import org.glance4j.ports.in.ImageDataService;
import org.glance4j.ports.in.ImageLocationService;
import org.glance4j.ports.in.ImageMemberService;
import org.glance4j.ports.in.ImageService;
import org.glance4j.ports.in.ImageTagService;
import org.glance4j.ports.in.ImageVerificationService;
import org.glance4j.ports.in.ImportService;
import org.glance4j.ports.in.SchemaService;
import org.glance4j.ports.in.StoreInfoService;
import org.glance4j.ports.in.TaskService;
import org.glance4j.ports.in.TusUploadService;
import org.glance4j.ports.in.UsageService;
import org.glance4j.ports.in.metadef.MetadefServices;
import org.glance4j.ports.model.StoreInfo;
import org.glance4j.ports.out.ImageMemberRepository;
import org.glance4j.ports.out.ImageRepository;
import org.glance4j.ports.out.ImageVerificationRepository;
import org.glance4j.ports.out.ProjectLimits;
import org.glance4j.ports.out.TaskRepository;
import org.glance4j.ports.out.WorkLogContext;
import org.glance4j.ports.out.cache.CachedImageRecords;
import org.glance4j.ports.out.cache.ImageCacheFiles;
import org.glance4j.ports.out.metadef.MetadefRepository;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.tus.ResumablePartFiles;
import org.glance4j.ports.out.tus.TusUploadRepository;

/**
 * The core as a whole, what app-bootstrap and embedders build: the image, tag and schema use cases over the
 * repositories they are given, with Glance's rules and policies.
 *
 * <pre>{@code
 * GlanceCore core = GlanceCore.builder().images(imageRepo).members(memberRepo).build();
 * core.images().create(context, Map.of("name", "cirros"));
 * }</pre>
 *
 * <p>Image data needs stores: {@code .stores(List.of(fileStore), "file")}. Without any store the core still serves
 * image records; an upload is then refused as {@code UNAVAILABLE} and downloads of images without data answer
 * "no data".
 */
public final class GlanceCore implements AutoCloseable {

    private final ImageService images;
    private final ImageTagService tags;
    private final SchemaService schemas;
    private final ImageDataService imageData;
    private final ImageActionService actions;
    private final UploadRecovery recovery;
    private final ImageMemberService imageMembers;
    private final StoreInfoService storeInfo;
    private final ImageLocationService locations;
    private final MetadefServices metadefs;
    private final Importing importing;
    private final TaskService taskService;
    private final UnifiedLimits limits;
    private final NodeImageCache nodeCache;
    private final ImageCacheService imageCache;
    private final ImageVerificationService verification;
    private final DefaultTusUploadService tus;

    private GlanceCore(Builder b) {
        PolicyEngine policies = PolicyEngine.withOverrides(b.settings.policyOverrides());
        ImageSchemaCatalog catalog = new ImageSchemaCatalog(b.settings);
        ImageRules rules = new ImageRules(catalog, b.settings);
        ImageStores stores = new ImageStores(b.stores, b.defaultStoreId, b.storeInfos, b.outputFormats);
        ImageServiceParts parts = ImageServiceParts.of(b.images, b.members, policies, b.clock);
        this.limits = b.projectLimits == null ? UnifiedLimits.off() : new UnifiedLimits(b.images, b.projectLimits);
        this.importing = b.importSettings == null
                ? null
                : new Importing(
                        parts,
                        b.tasks,
                        stores,
                        b.data,
                        b.importSettings,
                        b.importIo,
                        b.inspector != null ? b.inspector : new PolicyFormatInspector(new FormatPolicy(b.formats)),
                        limits,
                        b.workLogContext);
        this.nodeCache = b.cacheSettings.enabled()
                ? new NodeImageCache(b.cacheFiles, b.cacheRecords, b.images, b.cacheSettings, b.data.nodeId(), b.clock)
                : null;
        DataRemoval storeRemoval = new StoreDataRemoval(stores);
        DataRemoval withStaging = importing == null
                ? storeRemoval
                : deleted -> {
                    storeRemoval.removeDataOf(deleted);
                    importing.staging().delete(deleted.id());
                };
        DataRemoval removal = nodeCache == null
                ? withStaging
                : deleted -> {
                    withStaging.removeDataOf(deleted);
                    removeFromCache(deleted.id());
                };
        PropertyProtections protections = PropertyProtections.of(b.settings.propertyProtections(), policies);
        this.images = new DefaultImageService(
                parts,
                rules,
                b.settings,
                removal,
                new StoreLocationPatcher(stores, b.locationSettings, b.data.hashingAlgorithm(), b.clock),
                protections,
                limits);
        this.imageMembers = new DefaultImageMemberService(parts, b.members, b.settings.imageMemberQuota());
        this.taskService = b.tasks == null
                ? null
                : new DefaultTaskService(
                        b.tasks,
                        parts,
                        b.settings,
                        b.clock,
                        importing == null ? null : new LegacyTaskLauncher(importing, images));
        DefaultImageDataService data = new DefaultImageDataService(
                parts,
                stores,
                b.data,
                digestThreads(),
                new FormatPolicy(b.formats),
                limits,
                nodeCache == null ? DownloadCache.NONE : nodeCache);
        this.imageData = data;
        this.tus = b.tusUploads == null
                ? null
                : new DefaultTusUploadService(
                        b.images,
                        b.members,
                        policies,
                        stores,
                        data,
                        b.tusUploads,
                        b.tusParts,
                        b.tusExpiry,
                        b.clock,
                        limits,
                        b.data.imageSizeCap(),
                        b.data.nodeId());
        DefaultImageActionService plainActions = new DefaultImageActionService(parts);
        this.actions = nodeCache == null ? plainActions : new EvictingImageActions(plainActions, nodeCache);
        if (nodeCache != null) {
            nodeCache.readStoresWith(data::readFromStores);
        }
        this.imageCache = new DefaultImageCacheService(nodeCache, parts);
        this.recovery = new UploadRecovery(b.images, stores, b.data.nodeId(), b.clock);
        this.tags = new DefaultImageTagService(parts, rules);
        this.schemas = new DefaultSchemaService(catalog);
        if (!b.outputFormats.isEmpty()) {
            if (importing == null || importing.uploadConversion() == null) {
                throw new IllegalStateException("stores " + b.outputFormats.keySet() + " want their images in another"
                        + " disk format, but the core was given no import staging area and disk image tool");
            }
            data.convertUploadsWith(importing.uploadConversion());
        }
        this.storeInfo = new DefaultStoreInfoService(stores, policies);
        this.locations = new DefaultImageLocationService(parts, stores, b.locationSettings, b.data);
        this.metadefs = b.metadefs == null ? null : MetadefCore.services(b.metadefs, policies, b.settings, b.clock);
        this.verification = b.verifications == null
                ? null
                : new DefaultImageVerificationService(b.images, stores, b.verifications, policies, b.clock);
    }

    /**
     * Verification of the stored copies of images and its results.
     *
     * @throws IllegalStateException when the core was built without a verification repository
     */
    public ImageVerificationService verification() {
        if (verification == null) {
            throw new IllegalStateException("this core keeps no verification results");
        }
        return verification;
    }

    /** Whether {@link #verification()} is available. */
    public boolean hasVerification() {
        return verification != null;
    }

    /**
     * Resumable uploads with the tus protocol.
     *
     * @throws IllegalStateException when the core was built without them ({@link Builder#tus})
     */
    public TusUploadService tus() {
        if (tus == null) {
            throw new IllegalStateException("resumable uploads are not configured");
        }
        return tus;
    }

    /** Whether {@link #tus()} is available. */
    public boolean hasTus() {
        return tus != null;
    }

    /**
     * Deletes the tus uploads that expired, with their bytes, and queues their images again; does nothing without
     * resumable uploads. Call it periodically.
     *
     * @return how many uploads expired
     */
    public int expireTusUploads() {
        return tus == null ? 0 : tus.expire();
    }

    public static Builder builder() {
        return new Builder();
    }

    public ImageService images() {
        return images;
    }

    public ImageTagService tags() {
        return tags;
    }

    public SchemaService schemas() {
        return schemas;
    }

    /** The projects an image is shared with. */
    public ImageMemberService members() {
        return imageMembers;
    }

    /** {@code /v2/info/usage}: the caller's project against its unified limits (empty when they are off). */
    public UsageService usage() {
        return limits;
    }

    /** Upload and download of image bytes. */
    public ImageDataService imageData() {
        return imageData;
    }

    /** Deactivate and reactivate. */
    public ImageActionService actions() {
        return actions;
    }

    /** The configured stores, for {@code /v2/info/stores}. */
    public StoreInfoService storeInfo() {
        return storeInfo;
    }

    /** Locations: shown or not, add-location, delete from one store. */
    public ImageLocationService locations() {
        return locations;
    }

    /**
     * The metadata definitions catalog.
     *
     * @throws IllegalStateException when the builder was given no {@link Builder#metadefs metadef repository}
     */
    public MetadefServices metadefs() {
        if (metadefs == null) {
            throw new IllegalStateException("this core was built without a metadef repository");
        }
        return metadefs;
    }

    /** Whether the metadata definitions catalog is available ({@link Builder#metadefs} was given). */
    public boolean hasMetadefs() {
        return metadefs != null;
    }

    /**
     * Images that this node (the {@code nodeId} of {@link DataSettings}) left {@code saving}, because it stopped in
     * the middle of an upload, go back to {@code queued} and lose any object a store kept for them.
     * Call once at start, before serving.
     *
     * @return how many images were recovered
     */
    public int recoverInterruptedUploads() {
        return recovery.recover();
    }

    /**
     * Staging and interoperable import ({@link #builder()}{@code .importing(tasks, settings)}).
     *
     * @throws IllegalStateException when the core was built without import
     */
    public ImportService importing() {
        if (importing == null) {
            throw new IllegalStateException("this core was built without import (Builder.importing)");
        }
        return importing.service();
    }

    /** Whether this core was built with import and tasks. */
    public boolean hasImport() {
        return importing != null;
    }

    /**
     * The tasks API.
     *
     * @throws IllegalStateException when the core was built without a task repository
     */
    public TaskService tasks() {
        if (taskService == null) {
            throw new IllegalStateException("this core was built without tasks (Builder.importing)");
        }
        return taskService;
    }

    /**
     * Fails the imports and stages this node left unfinished when it stopped, so no image stays importing or
     * uploading forever. Call once at start, before serving; does nothing without import.
     *
     * @return how many imports and stages were failed
     */
    public int recoverInterruptedImports() {
        return importing == null ? 0 : importing.recover();
    }

    /**
     * Puts back what the node {@code nodeId} left unfinished, exactly as that node does at its own start: its imports
     * and stages fail ({@link #recoverInterruptedImports()}), then its uploads go back to queued and lose their
     * partial data ({@link #recoverInterruptedUploads()}). For a node found dead through its lease; safe to run twice.
     *
     * @return how many imports, stages and uploads were put back
     */
    public int recoverWorkOf(String nodeId) {
        int imports = importing == null ? 0 : importing.recover(nodeId);
        return imports + recovery.recover(nodeId);
    }

    /**
     * The image cache management use cases ({@code /v2/cache}); on a core without a cache
     * ({@link Builder#imageCache}) they answer that caching is not supported here.
     */
    public ImageCacheService imageCache() {
        return imageCache;
    }

    /** This node's image cache, for the periodic pruner, cleaner and prefetcher; empty without a cache. */
    public java.util.Optional<NodeImageCache> nodeCache() {
        return java.util.Optional.ofNullable(nodeCache);
    }

    private void removeFromCache(String imageId) {
        try {
            nodeCache.delete(imageId);
        } catch (RuntimeException e) {
            java.util.logging.Logger.getLogger(GlanceCore.class.getName())
                    .warning("cannot remove image " + imageId + " from the image cache: " + e.getMessage());
        }
    }

    /** Stops the import threads (running imports fail cleanly and their images go back to queued). */
    @Override
    public void close() {
        if (nodeCache != null) {
            nodeCache.close();
        }
        if (importing != null) {
            importing.close();
        }
    }

    /** Daemon threads for the digest lanes of uploads; idle ones end after a minute. */
    private static ExecutorService digestThreads() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "glance4j-digest-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Builds a {@link GlanceCore}; the repositories are required, settings and clock have defaults. A setter of a
     * part that has a default, or that turns a feature on, throws {@link NullPointerException} naming the part when
     * given null, at once rather than at {@link #build()}.
     */
    public static final class Builder {
        private ImageRepository images;
        private ImageMemberRepository members;
        private CoreSettings settings = CoreSettings.defaults();
        private Clock clock = Clock.systemUTC();
        private List<ImageStore> stores = List.of();
        private String defaultStoreId;
        private Map<String, StoreInfo> storeInfos;
        private Map<String, String> outputFormats = Map.of();
        private LocationSettings locationSettings = LocationSettings.defaults();
        private DataSettings data = DataSettings.defaults();
        private MetadefRepository metadefs;
        private FormatSettings formats = FormatSettings.defaults();
        private TaskRepository tasks;
        private ImportSettings importSettings;
        private ImportIo importIo;
        private StagedImageInspector inspector;
        private ProjectLimits projectLimits;
        private CacheSettings cacheSettings = CacheSettings.off();
        private ImageCacheFiles cacheFiles;
        private CachedImageRecords cacheRecords;
        private ImageVerificationRepository verifications;
        private WorkLogContext workLogContext = WorkLogContext.none();
        private TusUploadRepository tusUploads;
        private ResumablePartFiles tusParts;
        private Duration tusExpiry;

        private Builder() {}

        /**
         * Enables {@link GlanceCore#tus()}: resumable uploads recorded in {@code uploads}, their bytes in
         * {@code parts}, each expiring {@code expiry} after its last append.
         */
        public Builder tus(TusUploadRepository uploads, ResumablePartFiles parts, Duration expiry) {
            this.tusUploads = Objects.requireNonNull(uploads, "tus upload repository");
            this.tusParts = Objects.requireNonNull(parts, "resumable part files");
            this.tusExpiry = Objects.requireNonNull(expiry, "tus upload expiry");
            return this;
        }

        /** Enables {@link GlanceCore#verification()}, keeping its results in {@code repository}. */
        public Builder verifications(ImageVerificationRepository repository) {
            this.verifications = Objects.requireNonNull(repository, "verification repository");
            return this;
        }

        /**
         * How the core's worker threads name, on the lines they log, the request and task they work for (imports);
         * {@link WorkLogContext#none()} (nothing) when not given.
         */
        public Builder workLogContext(WorkLogContext context) {
            this.workLogContext = Objects.requireNonNull(context, "work log context");
            return this;
        }

        /**
         * Gives this node an image cache ({@code image_cache_dir}) in {@code files}, recorded in {@code records}
         * under the node id of {@link #data}.
         */
        public Builder imageCache(ImageCacheFiles files, CachedImageRecords records, CacheSettings settings) {
            this.cacheFiles = Objects.requireNonNull(files, "cache files");
            this.cacheRecords = Objects.requireNonNull(records, "cache records");
            this.cacheSettings = Objects.requireNonNull(settings, "cache settings");
            return this;
        }

        /**
         * Enables staging, import and the tasks API, with the task records in {@code taskRepository} and the staged
         * data, web-download's source and image conversion's tool in {@code io}.
         *
         * <p>{@link #build()} throws {@link IllegalStateException} when {@code io} lacks a port the settings need
         * (a web source for web-download, a disk image tool for image_conversion).
         */
        public Builder importing(TaskRepository taskRepository, ImportSettings settings, ImportIo io) {
            this.tasks = Objects.requireNonNull(taskRepository, "task repository");
            this.importSettings = Objects.requireNonNull(settings, "import settings");
            this.importIo = Objects.requireNonNull(io, "import ports");
            return this;
        }

        /**
         * The format inspector of staged data; when not given, the inspector and policy of plain uploads
         * ({@link #formats}).
         */
        public Builder inspector(StagedImageInspector stagedImageInspector) {
            this.inspector = Objects.requireNonNull(stagedImageInspector, "inspector");
            return this;
        }

        /**
         * The configured stores, and the id of the one uploads go to ({@code default_backend}; may be null when
         * there is exactly one store).
         */
        public Builder stores(List<ImageStore> imageStores, String defaultId) {
            this.stores = List.copyOf(imageStores);
            this.defaultStoreId = defaultId;
            this.storeInfos = null;
            return this;
        }

        /**
         * Stores configured the multi-store way ({@code enabled_backends}), with what the operator said about each
         * (description, weight, type, detail properties; by store id, a missing one has none). Images then show
         * their {@code stores}, downloads prefer the store of highest weight, and the store APIs exist.
         */
        public Builder stores(List<ImageStore> imageStores, String defaultId, Map<String, StoreInfo> infos) {
            this.stores = List.copyOf(imageStores);
            this.defaultStoreId = defaultId;
            this.storeInfos = Map.copyOf(infos);
            return this;
        }

        /**
         * The disk format (raw, qcow2 or vmdk) each named store wants its image data in, by store id: uploads and
         * imports to such a store are converted with the import's disk image tool, which {@link #importing} must
         * then give. None when not given.
         */
        public Builder outputFormats(Map<String, String> formatsByStore) {
            this.outputFormats = Map.copyOf(formatsByStore);
            return this;
        }

        /** Whether images show their locations; {@link LocationSettings#defaults()} (nothing) when not given. */
        public Builder locations(LocationSettings settings) {
            this.locationSettings = Objects.requireNonNull(settings, "location settings");
            return this;
        }

        /** The image data settings; {@link DataSettings#defaults()} when not given. */
        public Builder data(DataSettings dataSettings) {
            this.data = Objects.requireNonNull(dataSettings, "data settings");
            return this;
        }

        /** The {@code [image_format]} settings of format inspection; {@link FormatSettings#defaults()} when not given. */
        public Builder formats(FormatSettings formatSettings) {
            this.formats = Objects.requireNonNull(formatSettings, "format settings");
            return this;
        }

        /**
         * Turns unified limits on ({@code use_keystone_limits}): Glance's four limits, read from {@code limits},
         * are checked on create, upload, stage and import, and {@link #usage()} reports them.
         */
        public Builder limits(ProjectLimits limits) {
            this.projectLimits = limits;
            return this;
        }

        public Builder images(ImageRepository repository) {
            this.images = repository;
            return this;
        }

        public Builder members(ImageMemberRepository repository) {
            this.members = repository;
            return this;
        }

        /** The repository of the metadata definitions catalog; without it {@link #metadefs()} is unavailable. */
        public Builder metadefs(MetadefRepository repository) {
            this.metadefs = repository;
            return this;
        }

        public Builder settings(CoreSettings coreSettings) {
            this.settings = Objects.requireNonNull(coreSettings, "settings");
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the rule when a policy override does not parse, a property
         *                                  protection is malformed, the hashing
         *                                  algorithm is not supported, or the default store is not configured
         * @throws NullPointerException when a repository is missing
         */
        public GlanceCore build() {
            Objects.requireNonNull(images, "images repository");
            Objects.requireNonNull(members, "members repository");
            return new GlanceCore(this);
        }
    }
}
