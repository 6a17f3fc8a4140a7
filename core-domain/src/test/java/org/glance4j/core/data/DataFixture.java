package org.glance4j.core.data;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.glance4j.core.CoreFixture;
import org.glance4j.core.GlanceCore;
import org.glance4j.core.format.FormatSettings;
import org.glance4j.core.settings.CoreSettings;
import org.glance4j.core.settings.DataSettings;
import org.glance4j.core.settings.LocationSettings;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.StoreInfo;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.testing.InMemoryImageMemberRepository;
import org.glance4j.ports.testing.InMemoryImageRepository;

/** A core with image stores over the in-memory repositories, and helpers for the data tests. */
final class DataFixture {

    final InMemoryImageMemberRepository members = new InMemoryImageMemberRepository();
    final InMemoryImageRepository images = new InMemoryImageRepository(members);
    final CoreFixture.MutableClock clock;
    final GlanceCore core;

    DataFixture(ImageStore store) {
        this(List.of(store), store.id(), DataSettings.defaults());
    }

    DataFixture(List<ImageStore> stores, String defaultId, DataSettings settings) {
        this(stores, defaultId, settings, FormatSettings.defaults());
    }

    DataFixture(List<ImageStore> stores, String defaultId, DataSettings settings, FormatSettings formats) {
        this.clock = new CoreFixture().clock;
        this.core = GlanceCore.builder()
                .images(images)
                .members(members)
                .settings(CoreSettings.defaults())
                .clock(clock)
                .stores(stores, defaultId)
                .data(settings)
                .formats(formats)
                .build();
    }

    /** Stores configured the multi-store way, with their infos, and the given location settings. */
    DataFixture(List<ImageStore> stores, String defaultId, Map<String, StoreInfo> infos, LocationSettings locations) {
        this.clock = new CoreFixture().clock;
        GlanceCore.Builder builder = GlanceCore.builder()
                .images(images)
                .members(members)
                .settings(CoreSettings.defaults())
                .clock(clock)
                .data(DataSettings.defaults())
                .locations(locations);
        this.core =
                (infos == null ? builder.stores(stores, defaultId) : builder.stores(stores, defaultId, infos)).build();
    }

    Image upload(Image image, byte[] data, String storeId) {
        clock.tick();
        return core.imageData()
                .upload(
                        CoreFixture.OWNER_MEMBER,
                        image.id(),
                        new java.io.ByteArrayInputStream(data),
                        data.length,
                        storeId);
    }

    /** A queued private image of the owner project with the given formats (null: not set). */
    Image queued(String diskFormat, String containerFormat) {
        return queued(CoreFixture.OWNER_MEMBER, "private", diskFormat, containerFormat);
    }

    Image queued(RequestContext who, String visibility, String diskFormat, String containerFormat) {
        clock.tick();
        java.util.HashMap<String, Object> body = new java.util.HashMap<>();
        body.put("name", "test");
        body.put("visibility", visibility);
        if (diskFormat != null) {
            body.put("disk_format", diskFormat);
        }
        if (containerFormat != null) {
            body.put("container_format", containerFormat);
        }
        return core.images().create(who, body);
    }

    Image upload(Image image, InputStream data, long declared) {
        clock.tick();
        return core.imageData().upload(CoreFixture.OWNER_MEMBER, image.id(), data, declared);
    }

    Image stored(String id) {
        return images.find(id).orElseThrow();
    }

    static Map<String, Object> body(Object... kv) {
        java.util.HashMap<String, Object> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
