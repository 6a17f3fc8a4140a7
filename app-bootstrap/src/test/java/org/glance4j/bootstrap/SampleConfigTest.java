package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.glance4j.bootstrap.config.ConfigLoader;
import org.glance4j.bootstrap.config.GlanceConfig;
import org.glance4j.bootstrap.config.GlanceOptions;
import org.glance4j.bootstrap.config.IniParser;
import org.glance4j.bootstrap.config.LoadedConfig;
import org.glance4j.bootstrap.config.OptionSpec;
import org.glance4j.bootstrap.config.SampleConfig;
import org.glance4j.bootstrap.config.StoreConfig;
import org.glance4j.ports.out.store.ImageStoreFactory;
import org.glance4j.ports.out.store.StoreOption;
import org.junit.jupiter.api.Test;

/** The sample glance-api.conf the packages ship: every option glance4j reads, commented out with its default. */
class SampleConfigTest {

    private static final Path WORK = Path.of("/etc/glance4j");

    private static LoadedConfig load(String text) {
        return ConfigLoader.load(IniParser.parse("glance-api.conf", text), WORK);
    }

    /**
     * The sample the packages ship, written at build time on the runnable jar's class path: the options of the
     * built-in store types (file, http, s3, swift), not those of the plugins and test stores of the test class path.
     */
    static String packagedSample() {
        java.util.Set<String> builtIn = java.util.Set.of("file", "http", "s3", "swift");
        return SampleConfig.render(ServiceLoader.load(ImageStoreFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(factory -> builtIn.contains(factory.type()))
                .toList());
    }

    @Test
    void loadedAsItIsTheSampleChangesNothing() {
        LoadedConfig loaded = load(SampleConfig.render());

        assertThat(loaded.config()).isEqualTo(GlanceConfig.defaults());
        assertThat(loaded.ignored()).isEmpty();
    }

    @Test
    void listsEveryOptionGlance4jReadsInItsSection() {
        Map<String, List<String>> commented = commentedOptionsBySection(SampleConfig.render());

        Map<String, List<String>> expected = new LinkedHashMap<>();
        List<OptionSpec> storeSection = new ArrayList<>(GlanceOptions.STORE_OPTIONS);
        for (OptionSpec option : GlanceOptions.read()) {
            String section = storeSection.contains(option) ? SampleConfig.STORE_ID : option.section();
            expected.computeIfAbsent(section, s -> new ArrayList<>()).add(option.name());
        }
        // then the options each store type on the class path declares (and honours), type by type
        ServiceLoader.load(ImageStoreFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(java.util.Comparator.comparing(ImageStoreFactory::type))
                .forEach(factory -> factory.options().list().stream()
                        .filter(StoreOption::honoured)
                        .forEach(option -> expected.get(SampleConfig.STORE_ID).add(option.name())));
        assertThat(commented).isEqualTo(expected);
    }

    @Test
    void uncommentingEveryDefaultStillGivesTheDefaults() {
        String sample = SampleConfig.render();
        String beforeStoreSection = sample.substring(0, sample.indexOf("#[" + SampleConfig.STORE_ID + "]"));
        String uncommented = beforeStoreSection.replaceAll("(?m)^#(\\w+ = \\S.*)$", "$1");
        assertThat(uncommented).contains("\nbind_port = 9292\n");

        LoadedConfig loaded = load(uncommented);

        GlanceConfig defaults = GlanceConfig.defaults();
        assertThat(loaded.ignored()).isEmpty();
        // The store and policy sections keep the options written out, which the defaults leave absent.
        assertThat(loaded.config())
                .usingRecursiveComparison()
                .ignoringFields("stores", "policy")
                .isEqualTo(defaults);
        assertThat(loaded.config().stores())
                .extracting(StoreConfig::id, StoreConfig::type)
                .containsExactly(tuple("file", "file"));
        assertThat(loaded.config().stores().get(0).options()).doesNotContainKey("filesystem_store_datadir");
        assertThat(loaded.config().policy().ruleFormat())
                .isEqualTo(defaults.policy().ruleFormat());
    }

    @Test
    void configSamplePrintsTheSample() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Main.config(
                List.of("sample"),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(SampleConfig.render());
    }

    @Test
    void configWithoutSampleIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Main.config(
                List.of("smaple"),
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("unknown config command 'smaple'")
                .contains("Usage: glance4j config")
                .contains("  sample ");
    }

    /** Section name to the options written as {@code #name =} lines under it. */
    private static Map<String, List<String>> commentedOptionsBySection(String sample) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        String section = null;
        for (String line : sample.split("\n")) {
            if (line.matches("#?\\[.*\\]")) {
                section = line.substring(line.indexOf('[') + 1, line.indexOf(']'));
            } else if (line.matches("#\\w+ =.*")) {
                sections.computeIfAbsent(section, s -> new ArrayList<>()).add(line.substring(1, line.indexOf(' ')));
            }
        }
        return sections;
    }
}
