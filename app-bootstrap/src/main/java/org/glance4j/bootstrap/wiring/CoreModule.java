package org.glance4j.bootstrap.wiring;

import java.time.Clock;
import java.util.Map;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

import org.glance4j.core.settings.CoreSettings;
import org.glance4j.core.GlanceCore;
import org.glance4j.core.settings.DataSettings;
import org.glance4j.core.settings.LocationSettings;
import org.glance4j.ports.in.ImageLocationService;
import org.glance4j.ports.in.StoreInfoService;
import org.glance4j.ports.model.StoreInfo;
import org.glance4j.core.format.FormatSettings;
import org.glance4j.ports.in.ImageActionService;
import org.glance4j.ports.in.ImageDataService;
import org.glance4j.ports.in.ImageMemberService;
import org.glance4j.ports.in.ImageService;
import org.glance4j.ports.in.ImageTagService;
import org.glance4j.ports.in.SchemaService;
import org.glance4j.ports.out.ImageMemberRepository;
import org.glance4j.ports.out.ImageRepository;
import org.glance4j.ports.out.metadef.MetadefRepository;
import org.glance4j.ports.in.metadef.MetadefServices;
import org.glance4j.ports.out.TaskRepository;
import org.glance4j.ports.in.ImportService;
import org.glance4j.ports.in.TaskService;
import org.glance4j.core.settings.ImportSettings;

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

    public CoreModule(CoreSettings settings, DataSettings data) {
        this(settings, data, LocationSettings.defaults(), null, FormatSettings.defaults(), null);
    }

    /**
     * @param storeInfos what the operator said about each store with {@code enabled_backends}; null for the
     *                   single-store form
     * @param formats    the format inspection settings ({@code [image_format]})
     * @param importing  the import settings; with them the core offers staging, import and tasks (the task
     *                   repository must be bound); null for none
     */
    public CoreModule(CoreSettings settings, DataSettings data, LocationSettings locations,
            Map<String, StoreInfo> storeInfos, FormatSettings formats, ImportSettings importing) {
        this.settings = settings;
        this.data = data;
        this.locations = locations;
        this.storeInfos = storeInfos;
        this.formats = formats;
        this.importing = importing;
    }

    @Provides
    @Singleton
    GlanceCore core(ImageRepository images, ImageMemberRepository members, MetadefRepository metadefs,
            OpenStores stores, Clock clock, com.google.inject.Injector injector) {
        org.glance4j.bootstrap.metrics.Telemetry telemetry = Operations.of(injector).telemetry();
        GlanceCore.Builder builder = GlanceCore.builder().images(images).members(members).settings(settings)
                .clock(clock).data(data).locations(locations).metadefs(metadefs).formats(formats)
                .workLogContext(org.glance4j.http.RequestLogContext.workerThreads());
        if (storeInfos == null) {
            builder.stores(telemetry.stores(stores.list()), stores.defaultStoreId());
        } else {
            builder.stores(telemetry.stores(stores.list()), stores.defaultStoreId(), storeInfos);
        }
        if (importing != null) {
            builder.importing(telemetry.tasks(injector.getInstance(TaskRepository.class)), importing);
        }
        if (injector.getExistingBinding(com.google.inject.Key.get(CacheModule.Choice.class)) != null) {
            CacheModule.Choice cache = injector.getInstance(CacheModule.Choice.class);
            cache.files().ifPresent(files -> builder.imageCache(files,
                    injector.getInstance(org.glance4j.ports.out.cache.CachedImageRecords.class), cache.settings()));
        }
        if (injector.getExistingBinding(com.google.inject.Key.get(LimitsModule.Choice.class)) != null) {
            injector.getInstance(LimitsModule.Choice.class).limits().ifPresent(builder::limits);
        }
        return builder.build();
    }

    @Provides
    ImportService importService(GlanceCore core) {
        return core.importing();
    }

    @Provides
    TaskService taskService(GlanceCore core) {
        return core.tasks();
    }

    @Provides
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Provides
    ImageService images(GlanceCore core) {
        return core.images();
    }

    @Provides
    ImageTagService tags(GlanceCore core) {
        return core.tags();
    }

    @Provides
    SchemaService schemas(GlanceCore core) {
        return core.schemas();
    }

    @Provides
    ImageDataService imageData(GlanceCore core) {
        return core.imageData();
    }

    @Provides
    ImageActionService actions(GlanceCore core) {
        return core.actions();
    }

    @Provides
    StoreInfoService storeInfo(GlanceCore core) {
        return core.storeInfo();
    }

    @Provides
    ImageLocationService locations(GlanceCore core) {
        return core.locations();
    }

    @Provides
    ImageMemberService members(GlanceCore core) {
        return core.members();
    }

    @Provides
    MetadefServices metadefs(GlanceCore core) {
        return core.metadefs();
    }
}
