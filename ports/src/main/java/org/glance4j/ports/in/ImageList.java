package org.glance4j.ports.in;

import java.util.List;
import org.glance4j.ports.model.Image;

/**
 * One page of a list call.
 *
 * @param images     the images of this page, in order
 * @param nextMarker the id to pass as {@code marker} for the next page, or null when this page is the last
 *                   (Glance offers a next page whenever a page is full)
 */
public record ImageList(List<Image> images, String nextMarker) {
    public ImageList {
        images = List.copyOf(images);
    }
}
