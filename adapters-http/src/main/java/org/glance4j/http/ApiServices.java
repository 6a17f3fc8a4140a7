package org.glance4j.http;

import java.util.List;
import java.util.Objects;
import org.glance4j.ports.error.GlanceException;
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
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageLocation;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.StoreInfo;

/**
 * The use cases the HTTP adapter translates requests into. The six-service constructor leaves out the store
 * and location use cases (a single store, and locations never shown) and the metadata definitions catalog.
 * {@code metadefs}, {@code importing} and {@code tasks} may be null: their paths then answer 404, as for any path
 * the server does not serve, and image creation sends no {@code OpenStack-image-import-methods}. {@code cache}
 * may be null for a node without an image cache, {@code verification} for a server that keeps no verification
 * results ({@code /v2/verification} is then 404), {@code tus} for a server without resumable uploads
 * ({@code /v2/images/{id}/tus} is then 404).
 */
public record ApiServices(
        ImageService images,
        ImageTagService tags,
        SchemaService schemas,
        ImageDataService data,
        ImageActionService actions,
        StoreInfoService stores,
        ImageLocationService locations,
        ImageMemberService members,
        MetadefServices metadefs,
        ImportService importing,
        TaskService tasks,
        UsageService usage,
        ImageCacheService cache,
        ImageVerificationService verification,
        TusUploadService tus) {
    public ApiServices {
        usage = usage == null ? NO_LIMITS : usage;
        cache = cache == null ? NO_CACHE : cache;
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(schemas, "schemas");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(stores, "stores");
        Objects.requireNonNull(locations, "locations");
        Objects.requireNonNull(members, "members");
    }

    public ApiServices(
            ImageService images,
            ImageTagService tags,
            SchemaService schemas,
            ImageDataService data,
            ImageActionService actions,
            ImageMemberService members) {
        this(images, tags, schemas, data, actions, SINGLE_STORE, HIDDEN_LOCATIONS, members, null, null, null);
    }

    /**
     * Without unified limits ({@code /v2/info/usage} answers an empty map), an image cache ({@code /v2/cache}
     * answers that caching is not supported here) and verification results ({@code /v2/verification} is 404);
     * {@link #withUsage}, {@link #withCache} and {@link #withVerification} add them.
     */
    public ApiServices(
            ImageService images,
            ImageTagService tags,
            SchemaService schemas,
            ImageDataService data,
            ImageActionService actions,
            StoreInfoService stores,
            ImageLocationService locations,
            ImageMemberService members,
            MetadefServices metadefs,
            ImportService importing,
            TaskService tasks) {
        this(
                images, tags, schemas, data, actions, stores, locations, members, metadefs, importing, tasks, null,
                null, null, null);
    }

    /** A copy whose {@code /v2/info/usage} reports {@code usageService}. */
    public ApiServices withUsage(UsageService usageService) {
        return withOptional(metadefs, importing, tasks, usageService, cache, verification, tus);
    }

    /** A copy with the import and task use cases. */
    public ApiServices withImport(ImportService importService, TaskService taskService) {
        return withOptional(metadefs, importService, taskService, usage, cache, verification, tus);
    }

    /** A copy with the metadata definitions catalog. */
    public ApiServices withMetadefs(MetadefServices metadefServices) {
        return withOptional(metadefServices, importing, tasks, usage, cache, verification, tus);
    }

    /** A copy with this node's image cache management ({@code /v2/cache}). */
    public ApiServices withCache(ImageCacheService cacheService) {
        return withOptional(metadefs, importing, tasks, usage, cacheService, verification, tus);
    }

    /** A copy with the image verification results ({@code GET /v2/verification}). */
    public ApiServices withVerification(ImageVerificationService verificationService) {
        return withOptional(metadefs, importing, tasks, usage, cache, verificationService, tus);
    }

    /** A copy with the same required use cases and the given optional ones. */
    private ApiServices withOptional(
            MetadefServices metadefs,
            ImportService importing,
            TaskService tasks,
            UsageService usage,
            ImageCacheService cache,
            ImageVerificationService verification,
            TusUploadService tus) {
        return new ApiServices(
                images,
                tags,
                schemas,
                data,
                actions,
                stores,
                locations,
                members,
                metadefs,
                importing,
                tasks,
                usage,
                cache,
                verification,
                tus);
    }

    /** A copy with resumable uploads ({@code /v2/images/{id}/tus}, the tus 1.0.0 protocol). */
    public ApiServices withTus(TusUploadService tusService) {
        return withOptional(metadefs, importing, tasks, usage, cache, verification, tusService);
    }

    private static final UsageService NO_LIMITS = context -> java.util.Map.of();

    /** A node without an image cache: every call is Glance's 404 (the core's own service checks the policy first). */
    private static final ImageCacheService NO_CACHE = new ImageCacheService() {
        private static final String NOT_SUPPORTED = "Caching via API is not supported at this site.";

        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public CacheState state(RequestContext context) {
            throw GlanceException.notFound(NOT_SUPPORTED);
        }

        @Override
        public void queue(RequestContext context, String imageId) {
            throw GlanceException.notFound(NOT_SUPPORTED);
        }

        @Override
        public void delete(RequestContext context, String imageId) {
            throw GlanceException.notFound(NOT_SUPPORTED);
        }

        @Override
        public Cleared clear(RequestContext context, String target) {
            throw GlanceException.notFound(NOT_SUPPORTED);
        }

        @Override
        public void clean(RequestContext context) {
            throw GlanceException.notFound(NOT_SUPPORTED);
        }

        @Override
        public Pruned prune(RequestContext context) {
            throw GlanceException.notFound(NOT_SUPPORTED);
        }

        @Override
        public org.glance4j.ports.model.CacheCounters counters() {
            return org.glance4j.ports.model.CacheCounters.NONE;
        }
    };

    private static final StoreInfoService SINGLE_STORE = new StoreInfoService() {
        @Override
        public boolean multipleStores() {
            return false;
        }

        @Override
        public List<StoreInfo> stores(RequestContext context) {
            throw GlanceException.notFound("Multi backend is not supported at this site.");
        }

        @Override
        public List<StoreInfo> storeDetails(RequestContext context) {
            throw GlanceException.notFound("Multi backend is not supported at this site.");
        }

        @Override
        public List<String> storeIds() {
            return List.of();
        }
    };

    private static final ImageLocationService HIDDEN_LOCATIONS = new ImageLocationService() {
        @Override
        public boolean showsLocations() {
            return false;
        }

        @Override
        public boolean showsDirectUrl() {
            return false;
        }

        @Override
        public List<ImageLocation> inPreferenceOrder(Image image) {
            return image.locations();
        }

        @Override
        public void deleteFromStore(RequestContext context, String storeId, String imageId) {
            throw GlanceException.notFound("The resource could not be found.");
        }

        @Override
        public Image addLocation(RequestContext context, String imageId, java.util.Map<String, Object> body) {
            throw GlanceException.forbidden("http store must be enabled to use location API by normal user.");
        }

        @Override
        public List<ImageLocation> locations(RequestContext context, String imageId) {
            throw GlanceException.forbidden("You are not authorized to complete fetch_image_location action.");
        }
    };
}
