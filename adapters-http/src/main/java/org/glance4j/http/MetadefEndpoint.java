package org.glance4j.http;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One path of the metadata definitions catalog and what each of its methods does. Another method is 405, its
 * {@code Allow} naming the path's methods in the order they were added. Handlers get the namespace (the segment
 * after {@code metadefs/namespaces}) on the paths of a namespace and, on the path of one item
 * ({@code .../{kind}/{name}}), the item's name; null where the path has none.
 */
final class MetadefEndpoint implements Resource {

    /** What one method of the path does. */
    @FunctionalInterface
    interface Handler {
        void handle(ApiRequest request, String namespace, String name) throws IOException;
    }

    private final Map<String, Handler> handlers = new LinkedHashMap<>();
    private final boolean namespaced;
    private final boolean item;

    private MetadefEndpoint(boolean namespaced, boolean item) {
        this.namespaced = namespaced;
        this.item = item;
    }

    /** A path of the whole catalog, such as {@code /v2/metadefs/resource_types}. */
    static MetadefEndpoint ofCatalog() {
        return new MetadefEndpoint(false, false);
    }

    /** {@code /v2/metadefs/namespaces/{namespace}} or {@code .../{namespace}/{kind}}. */
    static MetadefEndpoint ofNamespace() {
        return new MetadefEndpoint(true, false);
    }

    /** {@code /v2/metadefs/namespaces/{namespace}/{kind}/{name}}. */
    static MetadefEndpoint ofItem() {
        return new MetadefEndpoint(true, true);
    }

    MetadefEndpoint on(String method, Handler handler) {
        handlers.put(method, handler);
        return this;
    }

    /** A handler that first refuses a request body (400), as Glance does on these methods. */
    static Handler bodiless(Handler handler) {
        return (request, namespace, name) -> {
            request.rejectBody();
            handler.handle(request, namespace, name);
        };
    }

    @Override
    public void handle(ApiRequest request) throws IOException {
        Handler handler = handlers.get(request.method());
        if (handler == null) {
            throw Resource.methodNotAllowed(request, String.join(", ", handlers.keySet()));
        }
        handler.handle(request, namespaced ? request.segment(2) : null, item ? request.segment(4) : null);
    }
}
