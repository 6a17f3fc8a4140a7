package org.glance4j.bootstrap.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.glance4j.ports.out.store.ImageStoreFactory;
import org.glance4j.ports.out.store.StoreOption;

/**
 * A sample {@code glance-api.conf} written from the option catalogue ({@link GlanceOptions#ALL}): every option
 * glance4j reads, in its section, commented out with its default and its meaning. Loaded as it is, it changes
 * nothing; an operator uncomments what they change. The packages ship it as {@code /etc/glance4j/glance-api.conf},
 * written at build time by {@link #main}; {@code glance4j config sample} prints it.
 */
public final class SampleConfig {

    private static final int WIDTH = 78;
    /** How the catalogue names the directory of {@code serve --data-dir} in a default. */
    private static final String DATA_DIR = "DATA_DIR";
    /** The header, commented out, of the section of one store of enabled_backends. */
    public static final String STORE_ID = "<store id>";

    private SampleConfig() {}

    /** Writes the sample to the file named by the only argument (its directory is created if missing). */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SampleConfig FILE");
        }
        Path file = Path.of(args[0]);
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, render(), StandardCharsets.UTF_8);
    }

    /** The sample's text, with the options of every store type on this class path. */
    public static String render() {
        List<ImageStoreFactory> factories = new ArrayList<>();
        ServiceLoader.load(ImageStoreFactory.class, SampleConfig.class.getClassLoader())
                .forEach(factories::add);
        return render(factories);
    }

    /** The sample's text, with the options of the store types of {@code factories} (in the order of their names). */
    public static String render(List<ImageStoreFactory> factories) {
        StringBuilder out = new StringBuilder();
        comment(
                out,
                "glance-api.conf for glance4j, generated from its option catalogue (glance4j config sample). "
                        + "Every option glance4j reads is listed in its section, commented out with the default glance4j "
                        + "uses: uncomment a line and change its value to change it. Options of Glance that glance4j does "
                        + "not read are not listed; they are reported at start-up if set. docs/configuration.md has the "
                        + "full table. DATA_DIR is the directory given to serve as --data-dir "
                        + "(/var/lib/glance4j in the Debian package). With enabled_backends, each store reads its options from the section named after "
                        + "its id instead of [glance_store].");
        for (Map.Entry<String, List<OptionSpec>> section : bySection().entrySet()) {
            out.append("\n[").append(section.getKey()).append("]\n");
            for (OptionSpec option : section.getValue()) {
                option(out, option);
            }
        }
        out.append('\n');
        comment(
                out,
                "With enabled_backends = <id>:<type>,..., each store reads these options (and those of "
                        + "[glance_store] that its type has) from the section named after its id; in [glance_store] they "
                        + "are ignored.");
        out.append("#[").append(STORE_ID).append("]\n");
        for (OptionSpec option : storeSectionOptions()) {
            option(out, option);
        }
        factories.stream()
                .sorted(java.util.Comparator.comparing(ImageStoreFactory::type))
                .forEach(factory -> storeType(out, factory));
        return out.toString();
    }

    /** The options a store type declares, as they go in its store's section (or in [glance_store]). */
    private static void storeType(StringBuilder out, ImageStoreFactory factory) {
        out.append('\n');
        comment(out, "Options of a store of type " + factory.type() + ": " + factory.summary());
        for (StoreOption option : factory.options().list()) {
            if (!option.honoured()) {
                continue;
            }
            out.append('\n');
            comment(out, option.help() + (option.required() ? " Required." : ""));
            out.append('#').append(option.name()).append(" =");
            if (option.defaultValue() != null && !option.secret()) {
                out.append(' ').append(option.defaultValue());
            }
            out.append('\n');
        }
    }

    private static void option(StringBuilder out, OptionSpec option) {
        out.append('\n');
        String meaning = option.description();
        if (option.support() == OptionSupport.ACCEPTED_NO_EFFECT) {
            meaning = "(Accepted, no effect in glance4j.) " + meaning;
        }
        if (!isLiteral(option.defaultText()) && !option.defaultText().equals("(none)")) {
            meaning = meaning + " Default: " + option.defaultText() + ".";
        }
        comment(out, meaning);
        out.append('#').append(option.name()).append(" =");
        if (isLiteral(option.defaultText())) {
            out.append(' ').append(option.defaultText());
        }
        out.append('\n');
    }

    /** The options a store of enabled_backends reads from its own section only. */
    private static List<OptionSpec> storeSectionOptions() {
        List<OptionSpec> options = new ArrayList<>(GlanceOptions.STORE_OPTIONS);
        return options.stream()
                .filter(o -> o.support() != OptionSupport.NOT_SUPPORTED_YET)
                .toList();
    }

    /** The options glance4j reads, grouped by section in the catalogue's order. */
    private static Map<String, List<OptionSpec>> bySection() {
        Map<String, List<OptionSpec>> sections = new LinkedHashMap<>();
        List<OptionSpec> storeSection = storeSectionOptions();
        for (OptionSpec option : GlanceOptions.read()) {
            if (storeSection.contains(option)) {
                continue;
            }
            sections.computeIfAbsent(option.section(), s -> new ArrayList<>()).add(option);
        }
        return sections;
    }

    /** Whether the catalogue's default is a value one could write in the file ("(none)" and prose are not). */
    static boolean isLiteral(String defaultText) {
        return !defaultText.isEmpty()
                && !defaultText.startsWith("(")
                && !defaultText.contains(" ")
                && !defaultText.contains(DATA_DIR);
    }

    private static void comment(StringBuilder out, String text) {
        StringBuilder line = new StringBuilder("#");
        for (String word : text.split("\\s+")) {
            if (line.length() > 1 && line.length() + 1 + word.length() > WIDTH) {
                out.append(line).append('\n');
                line = new StringBuilder("#");
            }
            line.append(' ').append(word);
        }
        out.append(line).append('\n');
    }
}
