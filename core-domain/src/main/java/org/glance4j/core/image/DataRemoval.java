package org.glance4j.core.image;

import org.glance4j.ports.model.Image;

/**
 * Removes the bytes of an image that has just been deleted, from every store that holds them. Never throws: a
 * store that fails is reported in the log, and the deletion of the record stands.
 */
@FunctionalInterface
public interface DataRemoval {

    /** Removes nothing: for a core without stores. */
    DataRemoval NONE = image -> { };

    void removeDataOf(Image deleted);
}
