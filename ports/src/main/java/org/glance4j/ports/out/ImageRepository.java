package org.glance4j.ports.out;

import java.util.List;
import java.util.Optional;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.error.StaleRevisionException;
import org.glance4j.ports.model.BulkAddResult;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageField;
import org.glance4j.ports.model.ImageQuery;
import org.glance4j.ports.model.ImageWithMembers;
import org.glance4j.ports.model.ProjectImageUsage;

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
     * Stores many new images, each with its memberships, and leaves alone what is already stored: the bulk load of
     * an import from another database, where {@link #add} would cost one transaction per image. Callers keep
     * batches to a size they can hold (hundreds to a few thousand images); an implementation writes a batch with
     * few round trips.
     *
     * <p>Per entry: when no image with its id was ever stored (deleted ones included), the image is stored exactly as
     * {@link #add} stores it, with all its memberships (which {@link ImageMemberRepository} then finds). When one
     * was, nothing of the given image is written: the stored image stays as it is and its id is reported as already
     * present; of its memberships, those the stored image does not have yet are added, the others left as they are.
     * So a batch can be given again, or after an interrupted call, without failing and without changing anything
     * that is stored.
     *
     * <p>Atomic: when the call returns, all of its writes are stored; when it throws, none is. Concurrent calls
     * (and concurrent {@link #add}s) of the same id never both store it: one of them reports it as already present.
     *
     * @param batch the images with their memberships, no image id twice; may be empty
     * @return the ids added, the ids already present, and the memberships added
     * @throws IllegalArgumentException when two entries have the same image id (nothing is written)
     * @throws GlanceException          with category {@code INVALID} when the store refuses a value of the batch,
     *                                  or {@code UNAVAILABLE} when it cannot be written now (nothing is written)
     */
    BulkAddResult addAllAbsent(List<ImageWithMembers> batch);

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

    /**
     * What the images owned by {@code projectId} use, for the unified limits: as {@link ProjectImageUsage#plus}
     * counts each of them (images killed, deleted or pending delete count for nothing). A project that owns no image
     * uses {@link ProjectImageUsage#NONE}.
     *
     * <p>The default pages through {@link #list} and counts in memory, which reads every image of the project with
     * its tags and properties; a repository that can count where the images are (one {@code COUNT}/{@code SUM} query)
     * overrides it, since a quota check runs before every create, upload and stage.
     *
     * @throws GlanceException with category {@code UNAVAILABLE} when the images cannot be read now
     */
    default ProjectImageUsage usageOf(String projectId) {
        ProjectImageUsage usage = ProjectImageUsage.NONE;
        Image marker = null;
        int page = 500;
        while (true) {
            List<Image> images = list(new ImageQuery(
                    new ImageQuery.Viewer(projectId, true),
                    ImageQuery.VisibilityFilter.ALL,
                    null,
                    List.of(new ImageQuery.Condition(ImageField.OWNER, ImageQuery.Operator.EQ, List.of(projectId))),
                    List.of(),
                    List.of(),
                    null,
                    null,
                    marker,
                    page));
            for (Image image : images) {
                usage = usage.plus(image);
            }
            if (images.size() < page) {
                return usage;
            }
            marker = images.get(images.size() - 1);
        }
    }
}
