package org.glance4j.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.glance4j.core.GlanceCore;
import org.glance4j.http.AccessLog;
import org.glance4j.http.ApiServices;
import org.glance4j.http.GlanceHttpServer;
import org.glance4j.http.HealthSettings;
import org.glance4j.http.HttpSettings;
import org.glance4j.ports.in.ImageActionService;
import org.glance4j.ports.in.ImageDataService;
import org.glance4j.ports.in.ImageLocationService;
import org.glance4j.ports.in.ImageMemberService;
import org.glance4j.ports.in.ImageService;
import org.glance4j.ports.in.ImageTagService;
import org.glance4j.ports.in.SchemaService;
import org.glance4j.ports.in.StoreInfoService;
import org.glance4j.ports.in.metadef.MetadefServices;
import org.glance4j.ports.out.ImageRepository;

/** The HTTP adapter over the use cases another module binds. The server is built, not started. */
public final class HttpModule extends AbstractModule {
    private final HttpSettings settings;

    public HttpModule(HttpSettings settings) {
        this.settings = settings;
    }

    @Provides
    @Singleton
    GlanceHttpServer server(
            ImageService images,
            ImageTagService tags,
            SchemaService schemas,
            ImageDataService data,
            ImageActionService actions,
            StoreInfoService stores,
            ImageLocationService locations,
            ImageMemberService members,
            MetadefServices metadefs,
            GlanceCore core,
            ImageRepository imageRecords,
            OpenStores openStores,
            Injector injector) {
        Operations operations = Operations.of(injector);
        HealthSettings health =
                new HealthSettings(operations.disableByFile(), HealthProbes.of(imageRecords, openStores.list()));
        return new GlanceHttpServer(
                settings,
                new ApiServices(
                                images,
                                tags,
                                schemas,
                                data,
                                actions,
                                stores,
                                locations,
                                members,
                                metadefs,
                                core.hasImport() ? core.importing() : null,
                                core.hasImport() ? core.tasks() : null)
                        .withUsage(core.usage())
                        .withCache(core.imageCache())
                        .withVerification(core.hasVerification() ? core.verification() : null)
                        .withTus(core.hasTus() ? core.tus() : null),
                health,
                operations.telemetry().http(),
                operations.accessLog() ? AccessLog.ON : AccessLog.OFF);
    }
}
