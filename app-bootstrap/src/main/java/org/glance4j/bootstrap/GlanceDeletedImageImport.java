package org.glance4j.bootstrap;

import java.util.Set;
import org.glance4j.jdbc.glance.GlanceDeletedImageReader;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.out.ImageRepository;

/**
 * {@code db import-glance --deleted carry}: the images Glance soft-deleted become deleted images in glance4j
 * (status {@code deleted}, no locations), so that their ids can never be used again, as in Glance. glance4j never
 * touches their data. One whose data Glance's scrubber has yet to remove ({@code pending_delete}) is reported: that
 * data stays in the store until Glance's scrubber or the operator removes it.
 */
final class GlanceDeletedImageImport {
    private static final Set<String> REVISION = Set.of("revision");

    private final ImportTally tally = new ImportTally("deleted images");
    private final ImportProblems problems;
    private final RecordCopy<Image> copy;

    /** @param images glance4j's images, or null for a dry run */
    GlanceDeletedImageImport(ImageRepository images, boolean replaceChanged, ImportProblems problems) {
        this.problems = problems;
        RecordCopy.Repository<Image> repository = images == null
                ? null
                : new RecordCopy.Repository<>(
                        wanted -> images.find(wanted.id()),
                        images::add,
                        (stored, wanted) -> images.update(
                                wanted.toBuilder().revision(stored.revision()).build()));
        this.copy = new RecordCopy<>(repository, REVISION, replaceChanged, tally, problems);
    }

    ImportTally run(GlanceDeletedImageReader reader) {
        reader.forEachDeletedImage(this::carry);
        return tally;
    }

    private void carry(GlanceDeletedImageReader.DeletedImage deleted) {
        Image image = deleted.image();
        String subject = "image " + image.id();
        if ("pending_delete".equals(deleted.glanceStatus())) {
            problems.add(
                    subject,
                    "deleted in Glance but its data awaits Glance's scrubber; carried as deleted,"
                            + " glance4j will not remove that data");
        }
        copy.copy(subject, image, "deleted in Glance, but glance4j's copy differs in ", "not carried as deleted: ");
    }
}
