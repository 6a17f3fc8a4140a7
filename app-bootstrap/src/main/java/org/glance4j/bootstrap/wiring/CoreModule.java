package org.glance4j.bootstrap.wiring;

import java.time.Clock;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

import org.glance4j.core.settings.CoreSettings;
import org.glance4j.core.GlanceCore;
import org.glance4j.core.settings.DataSettings;
import org.glance4j.ports.in.ImageActionService;
import org.glance4j.ports.in.ImageDataService;
import org.glance4j.ports.in.ImageService;
import org.glance4j.ports.in.ImageTagService;
import org.glance4j.ports.in.SchemaService;
import org.glance4j.ports.out.ImageMemberRepository;
import org.glance4j.ports.out.ImageRepository;
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
    private final ImportSettings importing;

    public CoreModule(CoreSettings settings, DataSettings data) {
        this(settings, data, null);
    }

    /** With import settings, the core offers staging, import and tasks (the task repository must be bound). */
    public CoreModule(CoreSettings settings, DataSettings data, ImportSettings importing) {
        this.settings = settings;
        this.data = data;
        this.importing = importing;
    }

    @Provides
    @Singleton
    GlanceCore core(ImageRepository images, ImageMemberRepository members, OpenStores stores, Clock clock,
            com.google.inject.Injector injector) {
        GlanceCore.Builder builder = GlanceCore.builder().images(images).members(members).settings(settings)
                .clock(clock).stores(stores.list(), stores.defaultStoreId()).data(data);
        if (importing != null) {
            builder.importing(injector.getInstance(TaskRepository.class), importing);
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
}
