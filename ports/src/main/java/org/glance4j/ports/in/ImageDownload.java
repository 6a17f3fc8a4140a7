package org.glance4j.ports.in;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.glance4j.ports.model.Image;

/**
 * What a download returns: the image, and, when it has data, an open stream of the bytes asked for. The caller
 * closes it.
 *
 * @param image  the image as it was when the download began
 * @param body   the bytes, or null when the image has no data (the API answers 204)
 * @param offset the offset of the first byte of {@code body} in the image
 * @param length how many bytes {@code body} yields
 * @param total  the image's size
 * @param partial whether a range was asked for and served (the API answers 206)
 */
public record ImageDownload(Image image, InputStream body, long offset, long length, long total, boolean partial)
        implements AutoCloseable {

    public ImageDownload {
        Objects.requireNonNull(image, "image");
    }

    public static ImageDownload noData(Image image) {
        return new ImageDownload(image, null, 0, 0, 0, false);
    }

    public boolean hasData() {
        return body != null;
    }

    @Override
    public void close() throws IOException {
        if (body != null) {
            body.close();
        }
    }
}
