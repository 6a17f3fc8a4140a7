package org.glance4j.ports.out;

import java.util.List;
import java.util.Optional;

import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.error.StaleRevisionException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageQuery;

/**
 * Where image records live. Implementations store the base fields, the tags and the custom properties of an
 * image together: every call is atomic, and a reader never sees half of a change. Implementations are
 * thread-safe. They apply no policy and no validation: the core hands them records that are already valid.
 *
 * <p>Deleted images stay stored (status {@code deleted}) so that their ids can never be used again.
 *
 * <p>Growth rule: keep this interface minimal. Add a method only when the core cannot build what it needs from
 * the ones here, and add it to the contract kit ({@code ImageRepositoryContractTest}) in the same change.
 */
public interface ImageRepository {

    /**
     * Stores a new image exactly as given (its {@code revision} included).
     *
     * @throws GlanceException with category {@code CONFLICT} when an image with this id was ever stored,
     *                         deleted ones included
     */
    void add(Image image);

    /**
     * The image with this id, deleted ones included.
     *
     * @return empty when no image with this id was ever stored
     */
    Optional<Image> find(String id);

    /**
     * Replaces the stored image with {@code image} if the stored revision still equals {@code image.revision()},
     * and stores it with revision {@code image.revision() + 1}.
     *
     * @return the image as now stored (with the new revision)
     * @throws StaleRevisionException when the stored revision differs (somebody else changed it first)
     * @throws GlanceException with category {@code NOT_FOUND} when no image with this id is stored
     */
    Image update(Image image);

    /**
     * One page of images, as {@link ImageQuery} defines it.
     *
     * @return at most {@code query.limit()} images, in the query's order; never null
     */
    List<Image> list(ImageQuery query);
}
