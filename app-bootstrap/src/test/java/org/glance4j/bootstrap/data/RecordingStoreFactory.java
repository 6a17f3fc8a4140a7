package org.glance4j.bootstrap.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.ImageStoreFactory;
import org.glance4j.ports.testing.store.ForwardingImageStore;
import org.glance4j.ports.testing.store.InMemoryImageStore;

/**
 * A store type that exists only on the test class path ({@value #TYPE}), found through {@link java.util.ServiceLoader}
 * like any backend jar: in-memory stores that record the options they were built with and the moment they were
 * closed. The option {@code fail = <message>} makes the factory refuse, as a backend that cannot be reached does.
 */
public final class RecordingStoreFactory implements ImageStoreFactory {
    static final String TYPE = "test-recording";

    /** What happened to the stores of this type, in order. */
    static final List<String> EVENTS = new ArrayList<>();
    /** Checked when a store closes, to record whether HTTP was already down. */
    static volatile java.util.function.BooleanSupplier httpStillUp = () -> false;

    public RecordingStoreFactory() {}

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ImageStore create(String storeId, Map<String, String> options) {
        if (options.containsKey("fail")) {
            throw GlanceException.unavailable("Store '" + storeId + "': " + options.get("fail"), null);
        }
        synchronized (EVENTS) {
            EVENTS.add("open " + storeId + " " + new java.util.TreeMap<>(options));
        }
        return new Recording(new InMemoryImageStore(storeId));
    }

    private static final class Recording extends ForwardingImageStore {
        Recording(InMemoryImageStore delegate) {
            super(delegate);
        }

        @Override
        public void close() {
            synchronized (EVENTS) {
                EVENTS.add("close " + id() + (httpStillUp.getAsBoolean() ? " while HTTP was up" : ""));
            }
        }
    }
}
