package org.glance4j.core;

import org.glance4j.core.settings.CoreSettings;
import org.glance4j.core.settings.DataSettings;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.glance4j.core.data.DefaultImageActionService;
import org.glance4j.core.data.DefaultImageDataService;
import org.glance4j.core.data.DefaultImageLocationService;
import org.glance4j.core.data.DefaultStoreInfoService;
import org.glance4j.core.data.StoreLocationPatcher;
import org.glance4j.core.settings.LocationSettings;
import org.glance4j.ports.in.ImageLocationService;
import org.glance4j.ports.in.StoreInfoService;
import org.glance4j.ports.model.StoreInfo;
import org.glance4j.core.data.ImageStores;
import org.glance4j.core.data.StoreDataRemoval;
import org.glance4j.core.data.UploadRecovery;
import org.glance4j.ports.in.ImageActionService;
import org.glance4j.ports.in.ImageDataService;
import org.glance4j.ports.out.store.ImageStore;

import org.glance4j.core.image.DefaultImageService;
import org.glance4j.core.image.DefaultImageTagService;
import org.glance4j.core.image.ImageRules;
import org.glance4j.core.policy.PolicyEngine;
import org.glance4j.core.schema.DefaultSchemaService;
import org.glance4j.core.schema.ImageSchemaCatalog;
import org.glance4j.ports.in.ImageService;
import org.glance4j.ports.in.ImageTagService;
import org.glance4j.ports.in.SchemaService;
import org.glance4j.ports.out.ImageMemberRepository;
import org.glance4j.ports.out.ImageRepository;

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
public final class GlanceCore {

    private final ImageService images;
    private final ImageTagService tags;
    private final SchemaService schemas;
    private final ImageDataService imageData;
    private final ImageActionService actions;
    private final UploadRecovery recovery;
    private final StoreInfoService storeInfo;
    private final ImageLocationService locations;

    private GlanceCore(Builder b) {
        PolicyEngine policies = PolicyEngine.withOverrides(b.settings.policyOverrides());
        ImageSchemaCatalog catalog = new ImageSchemaCatalog(b.settings);
        ImageRules rules = new ImageRules(catalog, b.settings);
        ImageStores stores = new ImageStores(b.stores, b.defaultStoreId, b.storeInfos);
        this.images = new DefaultImageService(b.images, b.members, policies, rules, b.settings, b.clock,
                new StoreDataRemoval(stores),
                new StoreLocationPatcher(stores, b.locationSettings, b.data.hashingAlgorithm(), b.clock));
        this.imageData = new DefaultImageDataService(b.images, b.members, policies, stores, b.data, b.clock,
                digestThreads());
        this.actions = new DefaultImageActionService(b.images, b.members, policies, b.clock);
        this.recovery = new UploadRecovery(b.images, stores, b.data.nodeId(), b.clock);
        this.tags = new DefaultImageTagService(b.images, b.members, policies, rules, b.clock);
        this.schemas = new DefaultSchemaService(catalog);
        this.storeInfo = new DefaultStoreInfoService(stores, policies);
        this.locations = new DefaultImageLocationService(b.images, b.members, policies, stores, b.locationSettings,
                b.data, b.clock);
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
     * Images that this node (the {@code nodeId} of {@link DataSettings}) left {@code saving}, because it stopped in
     * the middle of an upload, go back to {@code queued} and lose any object a store kept for them.
     * Call once at start, before serving.
     *
     * @return how many images were recovered
     */
    public int recoverInterruptedUploads() {
        return recovery.recover();
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

    /** Builds a {@link GlanceCore}; the repositories are required, settings and clock have defaults. */
    public static final class Builder {
        private ImageRepository images;
        private ImageMemberRepository members;
        private CoreSettings settings = CoreSettings.defaults();
        private Clock clock = Clock.systemUTC();
        private List<ImageStore> stores = List.of();
        private String defaultStoreId;
        private Map<String, StoreInfo> storeInfos;
        private LocationSettings locationSettings = LocationSettings.defaults();
        private DataSettings data = DataSettings.defaults();

        private Builder() {
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

        /** Whether images show their locations; {@link LocationSettings#defaults()} (nothing) when not given. */
        public Builder locations(LocationSettings settings) {
            this.locationSettings = settings;
            return this;
        }

        /** The image data settings; {@link DataSettings#defaults()} when not given. */
        public Builder data(DataSettings dataSettings) {
            this.data = dataSettings;
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

        public Builder settings(CoreSettings coreSettings) {
            this.settings = coreSettings;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the rule when a policy override does not parse, the hashing
         *                                  algorithm is not supported, or the default store is not configured
         * @throws NullPointerException when a repository is missing
         */
        public GlanceCore build() {
            Objects.requireNonNull(images, "images repository");
            Objects.requireNonNull(members, "members repository");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(data, "data settings");
            Objects.requireNonNull(locationSettings, "location settings");
            return new GlanceCore(this);
        }
    }
}
