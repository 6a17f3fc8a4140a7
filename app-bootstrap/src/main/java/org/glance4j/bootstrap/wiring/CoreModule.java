package org.glance4j.bootstrap.wiring;

import java.time.Clock;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

import org.glance4j.core.settings.CoreSettings;
import org.glance4j.core.GlanceCore;
import org.glance4j.core.settings.DataSettings;
import org.glance4j.core.format.FormatSettings;
import org.glance4j.ports.in.ImageActionService;
import org.glance4j.ports.in.ImageDataService;
import org.glance4j.ports.in.ImageService;
import org.glance4j.ports.in.ImageTagService;
import org.glance4j.ports.in.SchemaService;
import org.glance4j.ports.out.ImageMemberRepository;
import org.glance4j.ports.out.ImageRepository;

/**
 * Builds the core from whatever repositories and stores other modules bind, and exposes its use cases.
 */
public final class CoreModule extends AbstractModule {
    private final CoreSettings settings;
    private final DataSettings data;
    private final FormatSettings formats;

    public CoreModule(CoreSettings settings, DataSettings data) {
        this(settings, data, FormatSettings.defaults());
    }

    public CoreModule(CoreSettings settings, DataSettings data, FormatSettings formats) {
        this.settings = settings;
        this.data = data;
        this.formats = formats;
    }

    @Provides
    @Singleton
    GlanceCore core(ImageRepository images, ImageMemberRepository members, OpenStores stores, Clock clock) {
        return GlanceCore.builder().images(images).members(members).settings(settings).clock(clock)
                .stores(stores.list(), stores.defaultStoreId()).data(data).formats(formats).build();
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
