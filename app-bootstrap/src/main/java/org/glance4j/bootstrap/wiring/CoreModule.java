package org.glance4j.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import org.glance4j.core.GlanceCore;
import org.glance4j.core.format.FormatSettings;
import org.glance4j.core.settings.CoreSettings;
import org.glance4j.core.settings.DataSettings;
import org.glance4j.core.settings.ImportSettings;
import org.glance4j.core.settings.LocationSettings;
import org.glance4j.ports.in.ImageActionService;
import org.glance4j.ports.in.ImageDataService;
import org.glance4j.ports.in.ImageLocationService;
import org.glance4j.ports.in.ImageMemberService;
import org.glance4j.ports.in.ImageService;
import org.glance4j.ports.in.ImageTagService;
import org.glance4j.ports.in.ImportService;
import org.glance4j.ports.in.SchemaService;
import org.glance4j.ports.in.StoreInfoService;
import org.glance4j.ports.in.TaskService;
import org.glance4j.ports.in.metadef.MetadefServices;
import org.glance4j.ports.model.StoreInfo;
import org.glance4j.ports.out.ImageMemberRepository;
import org.glance4j.ports.out.ImageRepository;
import org.glance4j.ports.out.TaskRepository;
import org.glance4j.ports.out.metadef.MetadefRepository;

/**
 * Builds the core from whatever repositories and stores other modules bind, and exposes its use cases.
 */
public final class CoreModule extends AbstractModule {
    private final CoreSettings settings;
    private final DataSettings data;
    private final LocationSettings locations;
    private final Map<String, StoreInfo> storeInfos;
    private final FormatSettings formats;
    private final ImportSettings importing;
    private final Map<String, String> outputFormats;

    public CoreModule(CoreSettings settings, DataSettings data) {
        this(settings, data, LocationSettings.defaults(), null, FormatSettings.defaults(), null, Map.of());
    }

    /**
     * @param storeInfos what the operator said about each store with {@code enabled_backends}; null for the
     *                   single-store form
     * @param formats    the format inspection settings ({@code [image_format]})
     * @param importing  the import settings; with them the core offers staging, import and tasks (the task
     *                   repository and the import adapters, {@link ImportModule}, must be bound); null for none
     * @param outputFormats the disk format of each store that sets {@code image_conversion_output_format}, by id
     */
    public CoreModule(
            CoreSettings settings,
            DataSettings data,
            LocationSettings locations,
            Map<String, StoreInfo> storeInfos,
            FormatSettings formats,
            ImportSettings importing,
            Map<String, String> outputFormats) {
        this.outputFormats = Map.copyOf(outputFormats);
        this.settings = settings;
        this.data = data;
        this.locations = locations;
        this.storeInfos = storeInfos;
        this.formats = formats;
        this.importing = importing;
    }

    @Provides
    @Singleton
    GlanceCore core(
            ImageRepository images,
            ImageMemberRepository members,
            MetadefRepository metadefs,
            OpenStores stores,
            Clock clock,
            com.google.inject.Injector injector) {
        org.glance4j.bootstrap.metrics.Telemetry telemetry =
                Operations.of(injector).telemetry();
        GlanceCore.Builder builder = GlanceCore.builder()
                .images(images)
                .members(members)
                .settings(settings)
                .clock(clock)
                .data(data)
                .locations(locations)
                .metadefs(metadefs)
                .formats(formats)
                .workLogContext(org.glance4j.http.RequestLogContext.workerThreads());
        if (storeInfos == null) {
            builder.stores(telemetry.stores(stores.list()), stores.defaultStoreId());
        } else {
            builder.stores(telemetry.stores(stores.list()), stores.defaultStoreId(), storeInfos);
        }
        builder.outputFormats(outputFormats);
        if (importing != null) {
            builder.importing(
                    telemetry.tasks(injector.getInstance(TaskRepository.class)),
                    importing,
                    injector.getInstance(org.glance4j.core.importing.ImportIo.class));
        }
        if (injector.getExistingBinding(com.google.inject.Key.get(CacheModule.Choice.class)) != null) {
            CacheModule.Choice cache = injector.getInstance(CacheModule.Choice.class);
            cache.files()
                    .ifPresent(files -> builder.imageCache(
                            files,
                            injector.getInstance(org.glance4j.ports.out.cache.CachedImageRecords.class),
                            cache.settings()));
        }
        if (injector.getExistingBinding(com.google.inject.Key.get(LimitsModule.Choice.class)) != null) {
            injector.getInstance(LimitsModule.Choice.class).limits().ifPresent(builder::limits);
        }
        var verifications = com.google.inject.Key.get(org.glance4j.ports.out.ImageVerificationRepository.class);
        if (injector.getExistingBinding(verifications) != null) {
            builder.verifications(telemetry.verifications(injector.getInstance(verifications)));
        }
        var tusUploads = com.google.inject.Key.get(org.glance4j.ports.out.tus.TusUploadRepository.class);
        if (injector.getExistingBinding(tusUploads) != null) {
            builder.tus(
                    injector.getInstance(tusUploads),
                    injector.getInstance(org.glance4j.ports.out.tus.ResumablePartFiles.class),
                    Operations.of(injector).tusUploadExpiry());
        }
        return builder.build();
    }

    @Provides
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Each use case is the core's: bound to the core's accessor for it. */
    @Override
    protected void configure() {
        useCase(ImportService.class, GlanceCore::importing);
        useCase(TaskService.class, GlanceCore::tasks);
        useCase(ImageService.class, GlanceCore::images);
        useCase(ImageTagService.class, GlanceCore::tags);
        useCase(SchemaService.class, GlanceCore::schemas);
        useCase(ImageDataService.class, GlanceCore::imageData);
        useCase(ImageActionService.class, GlanceCore::actions);
        useCase(StoreInfoService.class, GlanceCore::storeInfo);
        useCase(ImageLocationService.class, GlanceCore::locations);
        useCase(ImageMemberService.class, GlanceCore::members);
        useCase(MetadefServices.class, GlanceCore::metadefs);
    }

    private <T> void useCase(Class<T> type, Function<GlanceCore, T> accessor) {
        Provider<GlanceCore> core = getProvider(GlanceCore.class);
        bind(type).toProvider((Provider<T>) () -> accessor.apply(core.get()));
    }
}
