package org.glance4j.bootstrap;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.glance4j.bootstrap.cli.DbOptions;
import org.glance4j.bootstrap.cli.ServeOptions;
import org.glance4j.bootstrap.config.ConfigException;
import org.glance4j.bootstrap.config.ConfigLoader;
import org.glance4j.bootstrap.config.DatabaseTarget;
import org.glance4j.bootstrap.config.FileProblem;
import org.glance4j.bootstrap.config.IniFile;
import org.glance4j.bootstrap.config.IniParser;
import org.glance4j.bootstrap.config.LoadedConfig;
import org.glance4j.bootstrap.config.SqlAlchemyUrls;
import org.glance4j.bootstrap.wiring.ServerSettings;
import org.glance4j.jdbc.JdbcRepositories;
import org.glance4j.jdbc.glance.GlanceDatabaseReader;
import org.glance4j.jdbc.glance.GlanceImageRecord;
import org.glance4j.jdbc.glance.GlanceLocation;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageLocation;
import org.glance4j.ports.model.ImageMember;
import org.glance4j.ports.model.ImageWithMembers;
import org.glance4j.ports.out.ImageRepository;

/**
 * {@code db import-glance --from URL}: copies the images of a Glance database (not soft-deleted) with their
 * properties, tags, members and locations into the database {@code serve} would use, through glance4j's own
 * repositories. An image whose id is already there is left as it is (its missing memberships are added, so an
 * interrupted run completes on the next). With {@code --dry-run} glance4j's database is not opened at all.
 */
final class GlanceImportCommand {

    private final PrintStream out;
    private final PrintStream err;

    GlanceImportCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** What one run counted, kind by kind, and the problems found per image id. */
    static final class Summary {
        long imagesCopied;
        long imagesAlreadyThere;
        long imagesFailed;
        long deletedImagesSkipped;
        long properties;
        long tags;
        long members;
        long locations;
        long inactiveLocationsSkipped;
        final Map<String, List<String>> problems = new LinkedHashMap<>();

        void problem(String imageId, String text) {
            problems.computeIfAbsent(imageId, k -> new ArrayList<>()).add(text);
        }
    }

    /**
     * Runs the import and returns the exit status: 0 when every image was copied or already there, 1 when one
     * could not be written.
     *
     * @throws ConfigException when the configuration, the data directory or {@code --from} is unusable
     */
    int run(DbOptions options) {
        DatabaseTarget source = SqlAlchemyUrls.toJdbc(options.from().orElseThrow(), "--from",
                Path.of("").toAbsolutePath());
        IniFile file = options.configFile().map(IniParser::parse).orElseGet(IniFile::empty);
        ServeOptions flags = new ServeOptions(Optional.empty(), Optional.empty(), options.dataDir(),
                Optional.empty(), options.configFile(), true, false);
        LoadedConfig loaded = ConfigLoader.load(file);
        ServerSettings settings = ServerSettings.resolve(flags, loaded.config(), loaded.keystone());
        GlanceLocationMapper mapper = new GlanceLocationMapper(settings.stores());
        Summary summary = new Summary();
        try (GlanceDatabaseReader glance = GlanceDatabaseReader.open(source.jdbcUrl(), source.user(),
                source.password())) {
            out.println("Glance database at schema revision " + glance.revision()
                    + (options.dryRun() ? " (dry run: nothing is written)" : ""));
            summary.deletedImagesSkipped = glance.countDeletedImages();
            if (options.dryRun()) {
                copyImages(glance, mapper, null, summary);
            } else {
                createDataDir(settings.dataDir());
                try (JdbcRepositories repositories = JdbcRepositories.open(settings.jdbc())) {
                    copyImages(glance, mapper, repositories.images(), summary);
                }
            }
        }
        report(summary, options.dryRun());
        return summary.imagesFailed == 0 ? 0 : 1;
    }

    /** Streams Glance's images page by page into batches of {@link GlanceImageBatches}; images null: count only. */
    private static void copyImages(GlanceDatabaseReader glance, GlanceLocationMapper mapper, ImageRepository images,
            Summary summary) {
        try (GlanceImageBatches batches = new GlanceImageBatches(images, summary, GlanceImageBatches.BATCH_SIZE)) {
            glance.forEachImage(record -> batches.add(withMappedLocations(record, mapper, summary)));
            batches.finish();
        }
    }

    /** The image as glance4j stores it: its active locations mapped to glance4j's stores, problems noted. */
    private static ImageWithMembers withMappedLocations(GlanceImageRecord record, GlanceLocationMapper mapper,
            Summary summary) {
        Image glanceImage = record.image();
        String id = glanceImage.id();
        List<ImageLocation> locations = new ArrayList<>();
        for (GlanceLocation location : record.locations()) {
            if (!location.status().equals("active")) {
                summary.inactiveLocationsSkipped++;
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

    private void report(Summary s, boolean dryRun) {
        String verb = dryRun ? "would be copied" : "copied";
        s.problems.forEach((id, texts) -> texts.forEach(t -> err.println("image " + id + ": " + t)));
        out.println("images: " + s.imagesCopied + " " + verb + ", " + s.imagesAlreadyThere + " already there, "
                + s.deletedImagesSkipped + " deleted in Glance (skipped), " + s.imagesFailed + " failed");
        out.println("properties: " + s.properties + " " + verb + "; tags: " + s.tags + " " + verb + "; members: "
                + s.members + " " + verb + "; locations: " + s.locations + " " + verb + ", "
                + s.inactiveLocationsSkipped + " not active (skipped)");
        out.println("images with problems: " + s.problems.size());
        if (s.imagesCopied == 0 && s.members == 0 && !dryRun) {
            out.println("nothing to do: everything was already there");
        }
    }

    private static void createDataDir(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new ConfigException("cannot create the data directory (--data-dir): "
                    + FileProblem.describe(dataDir, e), e);
        }
    }
}
