package org.glance4j.http;

import io.undertow.util.HttpString;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.glance4j.ports.in.ImageCacheService;
import org.glance4j.ports.model.CachedImage;

/**
 * Glance's cache management API, all of {@code /v2/cache}: {@code GET /v2/cache} (200, the cached images with
 * {@code image_id}, {@code hits}, {@code last_accessed} and {@code last_modified} in epoch seconds, {@code size};
 * and the queued image ids), {@code DELETE /v2/cache} (204; {@code x-image-cache-clear-target} {@code cache},
 * {@code queue} or empty for both, anything else 400), {@code PUT /v2/cache/{image_id}} (202, queued),
 * {@code DELETE /v2/cache/{image_id}} (204), {@code POST /v2/cache/clean} (200, no body) and
 * {@code POST /v2/cache/prune} (200, {@code total_files_pruned} and {@code total_bytes_pruned}). As in Glance's
 * routes, {@code PUT} and {@code DELETE} of {@code /v2/cache/clean} take {@code clean} for an image id.
 */
final class CacheResource implements Resource {
    static final String ALLOW_CACHE = "GET, DELETE";
    static final String ALLOW_ENTRY = "DELETE, PUT";
    static final HttpString CLEAR_TARGET = new HttpString("x-image-cache-clear-target");

    private final ImageCacheService cache;

    CacheResource(ImageCacheService cache) {
        this.cache = cache;
    }

    @Override
    public void handle(ApiRequest request) throws IOException {
        if (request.segmentCount() == 1) {
            handleCache(request);
        } else {
            handleEntry(request, request.segment(1));
        }
    }

    private void handleCache(ApiRequest request) throws IOException {
        switch (request.method()) {
            case "GET" -> {
                request.rejectBody();
                ImageCacheService.CacheState state = cache.state(request.context());
                Responses.json(request.exchange(), 200, g -> {
                    g.writeStartObject();
                    g.writeArrayFieldStart("cached_images");
                    for (CachedImage image : state.cached()) {
                        g.writeStartObject();
                        g.writeStringField("image_id", image.imageId());
                        g.writeNumberField("hits", image.hits());
                        g.writeNumberField("last_accessed", epochSeconds(image.lastAccessed()));
                        g.writeNumberField("last_modified", epochSeconds(image.lastModified()));
                        g.writeNumberField("size", image.size());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeArrayFieldStart("queued_images");
                    for (String id : state.queued()) {
                        g.writeString(id);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                });
            }
            case "DELETE" -> {
                cache.clear(request.context(), request.header(CLEAR_TARGET));
                Responses.noContent(request.exchange());
            }
            default -> throw Resource.methodNotAllowed(request, ALLOW_CACHE);
        }
    }

    private void handleEntry(ApiRequest request, String imageId) throws IOException {
        String method = request.method();
        if (method.equals("PUT")) {
            cache.queue(request.context(), imageId);
            Responses.send(request.exchange(), 202, "text/html; charset=UTF-8", ByteBuffer.allocate(0));
        } else if (method.equals("DELETE")) {
            cache.delete(request.context(), imageId);
            Responses.noContent(request.exchange());
        } else if (method.equals("POST") && imageId.equals("clean")) {
            cache.clean(request.context());
            Responses.send(request.exchange(), 200, "text/html; charset=UTF-8", ByteBuffer.allocate(0));
        } else if (method.equals("POST") && imageId.equals("prune")) {
            ImageCacheService.Pruned pruned = cache.prune(request.context());
            Responses.json(request.exchange(), 200, g -> {
                g.writeStartObject();
                g.writeNumberField("total_files_pruned", pruned.files());
                g.writeNumberField("total_bytes_pruned", pruned.bytes());
                g.writeEndObject();
            });
        } else {
            throw Resource.methodNotAllowed(request, ALLOW_ENTRY);
        }
    }

    /** Seconds since the epoch with the fraction, as Python's {@code datetime.timestamp()} gives them. */
    private static double epochSeconds(java.time.Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }
}
