package org.glance4j.bootstrap;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.glance4j.jdbc.glance.GlanceDeletedImageReader;
import org.glance4j.ports.error.GlanceException;
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

    private final ImageRepository images;
    private final boolean replaceChanged;
    private final ImportProblems problems;
    private final ImportTally tally = new ImportTally("deleted images");

    /** @param images glance4j's images, or null for a dry run */
    GlanceDeletedImageImport(ImageRepository images, boolean replaceChanged, ImportProblems problems) {
        this.images = images;
        this.replaceChanged = replaceChanged;
        this.problems = problems;
    }

    ImportTally run(GlanceDeletedImageReader reader) {
        reader.forEachDeletedImage(this::carry);
        return tally;
    }

    private void carry(GlanceDeletedImageReader.DeletedImage deleted) {
        Image image = deleted.image();
        String subject = "image " + image.id();
        if ("pending_delete".equals(deleted.glanceStatus())) {
            problems.add(subject, "deleted in Glance but its data awaits Glance's scrubber; carried as deleted,"
                    + " glance4j will not remove that data");
        }
        try {
            Optional<Image> stored = images == null ? Optional.empty() : images.find(image.id());
            if (stored.isEmpty()) {
                if (images != null) {
                    images.add(image);
                }
                tally.copied++;
                return;
            }
            List<String> differences = RecordDifferences.between(stored.get(), image, REVISION);
            if (differences.isEmpty()) {
                tally.unchanged++;
            } else if (replaceChanged) {
                images.update(image.toBuilder().revision(stored.get().revision()).build());
                tally.replaced++;
            } else {
                tally.differing++;
                problems.add(subject, "deleted in Glance, but glance4j's copy differs in "
                        + String.join(", ", differences) + "; kept (--replace-changed takes Glance's)");
            }
        } catch (GlanceException e) {
            tally.failed++;
            problems.add(subject, "not carried as deleted: " + e.getMessage());
        }
    }
}
