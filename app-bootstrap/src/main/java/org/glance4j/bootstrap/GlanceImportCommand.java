package org.glance4j.bootstrap;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.glance4j.bootstrap.cli.DbOptions;
import org.glance4j.bootstrap.cli.DeletedRows;
import org.glance4j.bootstrap.cli.Progress;
import org.glance4j.bootstrap.config.ConfigException;
import org.glance4j.bootstrap.config.DatabaseTarget;
import org.glance4j.bootstrap.config.SqlAlchemyUrls;
import org.glance4j.bootstrap.wiring.ServerSettings;
import org.glance4j.jdbc.JdbcRepositories;
import org.glance4j.jdbc.glance.GlanceDatabaseReader;
import org.glance4j.jdbc.glance.GlanceImageRecord;
import org.glance4j.jdbc.glance.GlanceLocation;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageLocation;
import org.glance4j.ports.model.ImageMember;
import org.glance4j.ports.model.ImageWithMembers;
import org.glance4j.ports.out.ImageMemberRepository;
import org.glance4j.ports.out.ImageRepository;

/**
 * {@code db import-glance --from URL}: copies the images of a Glance database (not soft-deleted) with their
 * properties, tags, members and locations, its tasks ({@link GlanceTaskImport}) and its metadefs catalog
 * ({@link GlanceMetadefsImport}) into the database {@code serve} would use, through glance4j's own repositories;
 * with {@code --deleted carry} also the images Glance deleted ({@link GlanceDeletedImageImport}). A record whose id
 * is already there is left as it is when equal, and reported when it differs (replaced by Glance's with
 * {@code --replace-changed}); missing memberships are added, so an interrupted run completes on the next. Images
 * are written in batches ({@link GlanceImageBatches}); those already there are then compared one by one. With
 * {@code --dry-run} nothing is written: glance4j's database, when it is already at the current schema, is only read
 * to compare with, image by image.
 */
final class GlanceImportCommand {

    private final PrintStream out;
    private final PrintStream err;
    private boolean replaceChanged;

    GlanceImportCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** What one run counted, kind by kind, and the problems found per image id. */
    static final class Summary {
        long imagesCopied;
        long imagesAlreadyThere;
        long imagesDiffering;
        long imagesReplaced;
        long imagesFailed;
        long deletedImagesSkipped;
        long properties;
        long tags;
        long members;
        long membersUnchanged;
        long membersDiffering;
        long membersReplaced;
        long locations;
        long inactiveLocationsSkipped;
        final Map<String, List<String>> problems = new LinkedHashMap<>();

        void problem(String imageId, String text) {
            problems.computeIfAbsent(imageId, k -> new ArrayList<>()).add(text);
        }
    }

    /**
     * Runs the import and returns the exit status: 0 when every record was copied or already there, 1 when one
     * could not be read or written.
     *
     * @throws ConfigException when the configuration, the data directory or {@code --from} is unusable
     */
    int run(DbOptions options) {
        DatabaseTarget source = SqlAlchemyUrls.toJdbc(
                options.from().orElseThrow(), "--from", Path.of("").toAbsolutePath());
        ServerSettings settings = CommandSettings.resolve(options.configFile(), options.dataDir());
        GlanceLocationMapper mapper = new GlanceLocationMapper(settings.stores());
        long started = System.nanoTime();
        Summary summary = new Summary();
        replaceChanged = options.replaceChanged();
        ImportProblems problems = new ImportProblems();
        List<ImportTally> tallies;
        try (GlanceDatabaseReader glance =
                GlanceDatabaseReader.open(source.jdbcUrl(), source.user(), source.password())) {
            out.println("Glance database at schema revision " + glance.revision()
                    + (options.dryRun() ? " (dry run: nothing is written)" : ""));
            summary.deletedImagesSkipped = options.deleted() == DeletedRows.SKIP ? glance.countDeletedImages() : 0;
            if (options.dryRun()) {
                Optional<JdbcRepositories> existing = JdbcRepositories.openIfCurrent(settings.jdbc());
                out.println(
                        existing.isPresent()
                                ? "compared with glance4j's database, which is left unchanged"
                                : "glance4j's database is missing or not yet migrated: compared with nothing");
                try {
                    tallies = importAll(
                            glance,
                            mapper,
                            existing.map(ImportTargets::readOnly).orElse(ImportTargets.NONE),
                            options,
                            summary,
                            problems);
                } finally {
                    existing.ifPresent(JdbcRepositories::close);
                }
            } else {
                CommandSettings.createDataDir(settings.dataDir());
                try (JdbcRepositories repositories = JdbcRepositories.open(settings.jdbc())) {
                    tallies = importAll(glance, mapper, ImportTargets.of(repositories), options, summary, problems);
                }
            }
        }
        report(summary, options.dryRun(), tallies, problems);
        out.println("import-glance: "
                + (summary.imagesCopied
                        + summary.imagesAlreadyThere
                        + summary.imagesDiffering
                        + summary.imagesReplaced
                        + summary.imagesFailed)
                + " images and "
                + tallies.stream().mapToLong(ImportTally::total).sum() + " other records read in "
                + Progress.secondsSince(started)
                + (options.dryRun() ? " (dry run)" : ""));
        boolean failed = summary.imagesFailed > 0 || tallies.stream().anyMatch(t -> t.failed > 0);
        return failed ? 1 : 0;
    }

    /**
     * The images (with a progress bar on a terminal), then the deleted images (when carried), the tasks and the
     * metadefs catalog; returns the tallies of all but the images, which {@code summary} counts.
     */
    private List<ImportTally> importAll(
            GlanceDatabaseReader glance,
            GlanceLocationMapper mapper,
            ImportTargets targets,
            DbOptions options,
            Summary summary,
            ImportProblems problems) {
        Progress progress = Progress.onTerminal("images", glance.countImages());
        if (options.dryRun()) {
            glance.forEachImage(record -> {
                copyOne(
                        withMappedLocations(record, mapper, summary),
                        targets.images(),
                        targets.members(),
                        summary,
                        Set.of());
                progress.step();
            });
        } else {
            copyInBatches(glance, mapper, targets, summary, progress);
        }
        progress.finish();
        List<ImportTally> tallies = new ArrayList<>();
        if (options.deleted() == DeletedRows.CARRY) {
            tallies.add(new GlanceDeletedImageImport(targets.images(), replaceChanged, problems)
                    .run(glance.deletedImages()));
        }
        tallies.add(
                new GlanceTaskImport(targets.tasks(), options.deleted(), replaceChanged, problems).run(glance.tasks()));
        GlanceMetadefsImport metadefs = new GlanceMetadefsImport(targets.metadefs(), replaceChanged, problems);
        metadefs.run(glance.metadefs());
        tallies.addAll(metadefs.tallies());
        return tallies;
    }

    /**
     * Streams Glance's images page by page into batches of {@link GlanceImageBatches}; an image glance4j already
     * holds is then compared one by one ({@link #copyOne}), its memberships just added by the batch left out.
     */
    private void copyInBatches(
            GlanceDatabaseReader glance,
            GlanceLocationMapper mapper,
            ImportTargets targets,
            Summary summary,
            Progress progress) {
        GlanceImageBatches.AlreadyThere alreadyThere = (entry, membersJustAdded) ->
                copyOne(entry, targets.images(), targets.members(), summary, membersJustAdded);
        try (GlanceImageBatches batches =
                new GlanceImageBatches(targets.images(), summary, GlanceImageBatches.BATCH_SIZE, alreadyThere)) {
            glance.forEachImage(record -> {
                batches.add(withMappedLocations(record, mapper, summary));
                progress.step();
            });
            batches.finish();
        }
    }

    /** The image as glance4j stores it: its active locations mapped to glance4j's stores, problems noted. */
    private static ImageWithMembers withMappedLocations(
            GlanceImageRecord record, GlanceLocationMapper mapper, Summary summary) {
        Image glanceImage = record.image();
        String id = glanceImage.id();
        List<ImageLocation> locations = new ArrayList<>();
        for (GlanceLocation location : record.locations()) {
            if (!location.status().equals("active")) {
                summary.inactiveLocationsSkipped++;
                summary.problem(
                        id,
                        "a location with status '" + location.status() + "' is not copied: Glance"
                                + " marks a location so when its data is (to be) removed from the store");
                continue;
            }
            GlanceLocationMapper.Mapped mapped = mapper.map(location);
            mapped.problems().forEach(p -> summary.problem(id, p));
            locations.add(mapped.location());
        }
        Image image = glanceImage.toBuilder().locations(locations).revision(0).build();
        // Glance's unique key (image_id, member, deleted_at) lets two live rows of one project through: keep the first.
        Map<String, ImageMember> members = new LinkedHashMap<>();
        record.members().forEach(member -> members.putIfAbsent(member.memberId(), member));
        return new ImageWithMembers(image, List.copyOf(members.values()));
    }

    /**
     * One image, compared with what glance4j holds: added when missing (images null: only counted), left alone when
     * equal, replaced or reported when it differs; likewise each of its memberships but those in
     * {@code membersJustAdded} (member ids a batch has just stored).
     */
    private void copyOne(
            ImageWithMembers entry,
            ImageRepository images,
            ImageMemberRepository members,
            Summary summary,
            Set<String> membersJustAdded) {
        Image image = entry.image();
        String id = image.id();
        try {
            Optional<Image> stored = images == null ? Optional.empty() : images.find(id);
            if (stored.isPresent()) {
                compare(stored.get(), image, images, summary);
            } else {
                if (images != null) {
                    images.add(image);
                }
                summary.imagesCopied++;
                summary.properties += image.properties().size();
                summary.tags += image.tags().size();
                summary.locations += image.locations().size();
            }
            for (ImageMember member : entry.members()) {
                if (membersJustAdded.contains(member.memberId())) {
                    continue;
                }
                Optional<ImageMember> held = members == null ? Optional.empty() : members.find(id, member.memberId());
                if (held.isEmpty()) {
                    if (members != null) {
                        members.add(member);
                    }
                    summary.members++;
                } else if (held.get().equals(member)) {
                    summary.membersUnchanged++;
                } else if (replaceChanged) {
                    members.update(member);
                    summary.membersReplaced++;
                } else {
                    summary.membersDiffering++;
                    summary.problem(
                            id,
                            "member " + member.memberId() + ": glance4j's copy differs (status "
                                    + held.get().status().wireName() + "); kept (--replace-changed takes Glance's)");
                }
            }
        } catch (GlanceException e) {
            summary.imagesFailed++;
            summary.problem(id, "not copied: " + e.getMessage());
        }
    }

    /** An image glance4j already holds: equal, replaced by Glance's (when asked) or reported. */
    private void compare(Image stored, Image image, ImageRepository images, Summary summary) {
        List<String> differences = RecordDifferences.between(stored, image, Set.of("revision"));
        if (differences.isEmpty()) {
            summary.imagesAlreadyThere++;
        } else if (replaceChanged) {
            images.update(image.toBuilder().revision(stored.revision()).build());
            summary.imagesReplaced++;
        } else {
            summary.imagesDiffering++;
            summary.problem(
                    image.id(),
                    "glance4j's copy differs in " + String.join(", ", differences)
                            + "; kept (--replace-changed takes Glance's)");
        }
    }

    private void report(Summary s, boolean dryRun, List<ImportTally> tallies, ImportProblems problems) {
        String verb = dryRun ? "would be copied" : "copied";
        s.problems.forEach((id, texts) -> texts.forEach(t -> err.println("image " + id + ": " + t)));
        problems.print(err);
        out.println("images: " + s.imagesCopied + " " + verb + ", " + s.imagesAlreadyThere + " unchanged, "
                + s.imagesDiffering + " differ (kept), " + s.imagesReplaced
                + (dryRun ? " would be replaced, " : " replaced, ")
                + s.deletedImagesSkipped + " deleted in Glance (skipped), " + s.imagesFailed + " failed");
        out.println("properties: " + s.properties + " " + verb + "; tags: " + s.tags + " " + verb + "; members: "
                + s.members + " " + verb + ", " + s.membersUnchanged + " unchanged, " + s.membersDiffering
                + " differ (kept), " + s.membersReplaced + (dryRun ? " would be replaced" : " replaced")
                + "; locations: " + s.locations + " " + verb + ", "
                + s.inactiveLocationsSkipped + " not active (skipped)");
        tallies.forEach(t -> out.println(t.line(dryRun)));
        out.println(
                "images with problems: " + s.problems.size() + "; other records with problems: " + problems.subjects());
        boolean wrote = s.imagesCopied > 0
                || s.imagesReplaced > 0
                || s.members > 0
                || s.membersReplaced > 0
                || tallies.stream().anyMatch(ImportTally::wrote);
        if (!wrote && !dryRun) {
            out.println("nothing to do: everything was already there");
        }
    }
}
