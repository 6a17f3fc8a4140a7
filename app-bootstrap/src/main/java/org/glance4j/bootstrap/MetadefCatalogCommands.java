package org.glance4j.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.glance4j.bootstrap.cli.DbOptions;
import org.glance4j.bootstrap.cli.Progress;
import org.glance4j.bootstrap.config.ConfigException;
import org.glance4j.bootstrap.config.FileProblem;
import org.glance4j.bootstrap.wiring.ServerSettings;
import org.glance4j.core.GlanceCore;
import org.glance4j.jdbc.JdbcRepositories;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.metadef.MetadefCatalogService;
import org.glance4j.ports.in.metadef.MetadefCatalogService.LoadOutcome;

/**
 * {@code db load-metadefs} and {@code db export-metadefs}: open the database {@code serve} would use (migrating it),
 * then load a folder of namespace documents into the catalog or write the catalog out, one file per namespace. Each
 * namespace loads in one transaction, so a running server sees it whole or not at all.
 */
final class MetadefCatalogCommands {

    /** Where Glance's standard catalog files are, for a folder that is not there. */
    static final String WHERE_THE_CATALOG_IS = "Glance's catalog files are in /usr/share/glance-common/metadefs on"
            + " Debian (package glance-common) and in etc/metadefs of Glance's source";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final PrintStream out;
    private final PrintStream err;

    MetadefCatalogCommands(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the command and returns the exit status: 0 when everything went well, 1 when a file could not be loaded
     * or written (the others still are).
     *
     * @throws ConfigException when the configuration or the data directory is unusable
     */
    int run(DbOptions options) {
        if (options.command().equals("load-metadefs")) {
            Optional<String> problem = FileProblem.asFolder(options.folder(), true);
            if (problem.isPresent()) {
                err.println("glance4j: cannot load metadefs: " + problem.get() + "; " + WHERE_THE_CATALOG_IS);
                return 1;
            }
        }
        ServerSettings settings = CommandSettings.resolve(options.configFile(), options.dataDir());
        CommandSettings.createDataDir(settings.dataDir());
        try (JdbcRepositories repositories = JdbcRepositories.open(settings.jdbc())) {
            MetadefCatalogService catalog = GlanceCore.builder()
                    .images(repositories.images())
                    .members(repositories.members())
                    .metadefs(repositories.metadefs())
                    .settings(settings.core())
                    .build()
                    .metadefs()
                    .catalog();
            return options.command().equals("load-metadefs")
                    ? load(catalog, options.folder())
                    : export(catalog, options.folder());
        }
    }

    private int load(MetadefCatalogService catalog, Path source) {
        List<Path> files;
        try {
            files = documents(source);
        } catch (IOException e) {
            err.println("glance4j: cannot load metadefs: " + FileProblem.describe(source, e));
            return 1;
        }
        int loaded = 0;
        int skipped = 0;
        int failed = 0;
        Progress progress = Progress.onTerminal("namespaces", files.size());
        for (Path path : files) {
            try {
                Map<String, Object> document = JSON.readValue(path.toFile(), OBJECT);
                LoadOutcome outcome = catalog.load(document);
                if (outcome == LoadOutcome.LOADED) {
                    loaded++;
                    progress.println(out, "loaded " + document.get("namespace") + " from " + path.getFileName());
                } else {
                    skipped++;
                    progress.println(
                            out,
                            "skipped " + document.get("namespace") + " from " + path.getFileName() + ": it exists");
                }
            } catch (JsonProcessingException e) {
                failed++;
                progress.println(err, "glance4j: " + path + " is not a JSON object: " + e.getOriginalMessage());
            } catch (IOException e) {
                failed++;
                progress.println(err, "glance4j: cannot read " + FileProblem.describe(path, e));
            } catch (GlanceException e) {
                failed++;
                progress.println(err, "glance4j: " + path + " not loaded: " + e.getMessage());
            }
            progress.step(sizeOf(path));
        }
        progress.finish();
        out.println("metadefs: " + loaded + " loaded, " + skipped + " skipped (already there), " + failed
                + " failed, from " + source + " (" + progress.bytesAndElapsed() + ")");
        return failed == 0 ? 0 : 1;
    }

    /** The size of a file, 0 when it cannot be told (reading it then reports the problem). */
    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The {@code .json} files of a folder in name order, or the one file given. */
    private static List<Path> documents(Path source) throws IOException {
        if (Files.isRegularFile(source)) {
            return List.of(source);
        }
        try (Stream<Path> entries = Files.list(source)) {
            return entries.filter(p ->
                            Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
    }

    private int export(MetadefCatalogService catalog, Path target) {
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            err.println("glance4j: cannot export metadefs: " + FileProblem.describe(target, e));
            return 1;
        }
        int written = 0;
        int failed = 0;
        Set<String> used = new HashSet<>();
        List<Map<String, Object>> documents = catalog.export();
        Progress progress = Progress.onTerminal("namespaces", documents.size());
        for (Map<String, Object> document : documents) {
            Path path = target.resolve(fileName(document, used));
            try {
                JSON.writeValue(path.toFile(), document);
                written++;
                progress.println(out, "exported " + document.get("namespace") + " to " + path.getFileName());
            } catch (IOException e) {
                failed++;
                progress.println(err, "glance4j: cannot write " + FileProblem.describe(path, e));
            }
            progress.step(sizeOf(path));
        }
        progress.finish();
        out.println("metadefs: " + written + " exported, " + failed + " failed, to " + target + " ("
                + progress.bytesAndElapsed() + ")");
        return failed == 0 ? 0 : 1;
    }

    /**
     * The file of a namespace: its display name (else its name) without anything but letters and digits, as
     * glance-manage names them; a name already used in this export gets a number.
     */
    static String fileName(Map<String, Object> document, Set<String> used) {
        Object display = document.get("display_name");
        String base = (display instanceof String s && !s.isBlank() ? s : String.valueOf(document.get("namespace")))
                .replaceAll("[\\W_]+", "");
        if (base.isEmpty()) {
            base = "namespace";
        }
        String name = base;
        for (int n = 2; !used.add(name.toLowerCase(java.util.Locale.ROOT)); n++) {
            name = base + "-" + n;
        }
        return name + ".json";
    }
}
