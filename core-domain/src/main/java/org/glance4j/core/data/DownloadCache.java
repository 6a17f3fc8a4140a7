package org.glance4j.core.data;

import java.io.InputStream;
import org.glance4j.ports.in.ImageDownload;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.out.store.ByteRange;

/**
 * What a download asks of the node's image cache: the cached bytes when there are some, and a copy of the store's
 * bytes as they stream to the client when there are none. {@link #NONE} for a node without a cache.
 */
public interface DownloadCache {

    /** No cache: every download reads a store. */
    DownloadCache NONE = new DownloadCache() {
        @Override
        public ImageDownload serve(Image image, ByteRange range) {
            return null;
        }

        @Override
        public InputStream fill(Image image, InputStream body, boolean ranged) {
            return body;
        }
    };

    /**
     * The download of {@code image} (already allowed to the caller, with data) from the cache, whole or
     * {@code range}; or null when the cache cannot serve it. An image that is not active is never served, and its
     * cached copy is removed.
     */
    ImageDownload serve(Image image, ByteRange range);

    /**
     * The stream to hand to the client for {@code body}, the store's bytes of {@code image}: {@code body} itself,
     * or a stream that also writes them to the cache and makes them the cached copy once they are complete and
     * verified. Never fails the download because of the cache.
     *
     * @param ranged whether {@code body} is one range of the image (never cached)
     */
    InputStream fill(Image image, InputStream body, boolean ranged);
}
