package org.glance4j.ports.model;

/**
 * What the images of one project use, counted as Glance's unified limits count it (see
 * {@link org.glance4j.ports.out.ImageRepository#usageOf}). Sizes are in bytes.
 *
 * @param images          images of the project that are not killed, deleted or pending delete
 * @param storedBytes     the sum over those images of their size times the number of their locations
 * @param stagedBytes     the sizes of those images that are uploading or importing, or are being copied to more stores
 *                        while in another status than saving
 * @param uploadingImages those images that are saving, uploading or importing, or are being copied to more stores
 */
public record ProjectImageUsage(long images, long storedBytes, long stagedBytes, long uploadingImages) {

    /** A project without images. */
    public static final ProjectImageUsage NONE = new ProjectImageUsage(0, 0, 0, 0);

    /** This usage with one more image counted in. */
    public ProjectImageUsage plus(Image image) {
        if (image.status() == ImageStatus.KILLED
                || image.status() == ImageStatus.DELETED
                || image.status() == ImageStatus.PENDING_DELETE) {
            return this;
        }
        long size = image.size() == null ? 0 : image.size();
        boolean copying = !image.properties().getOrDefault(COPYING_PROPERTY, "").isEmpty();
        boolean moving = image.status() == ImageStatus.SAVING
                || image.status() == ImageStatus.UPLOADING
                || image.status() == ImageStatus.IMPORTING;
        long staged = moving ? (image.status() == ImageStatus.SAVING ? 0 : size) : copying ? size : 0;
        return new ProjectImageUsage(
                images + 1,
                storedBytes + size * image.locations().size(),
                stagedBytes + staged,
                uploadingImages + (moving || copying ? 1 : 0));
    }

    /** The property that lists the stores an image is being copied to; not empty while a copy runs. */
    public static final String COPYING_PROPERTY = "os_glance_importing_to_stores";
}
