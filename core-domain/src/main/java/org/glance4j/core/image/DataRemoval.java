package org.glance4j.core.image;

import org.glance4j.ports.model.Image;

/**
 * Removes the bytes of an image that is being deleted, from every store that holds them (and what else the node
 * keeps of it: staged data, cached copies), before its record is marked deleted. It throws only a
 * {@code GlanceException} of category {@code CONFLICT}, when a store keeps the bytes because they are in use; the
 * deletion then stops and the record stays as it was. Any other failure is reported in the log and the deletion
 * goes on.
 */
@FunctionalInterface
public interface DataRemoval {

    void removeDataOf(Image deleted);
}
