package org.glance4j.bootstrap.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stock runnable jar serves images from a store that is not built into it: examples/example-store's jar,
 * dropped into a plugin directory. Broken plugin jars stop the start naming the jar, and a plugin sees only the
 * ports API and the JDK.
 */
class StorePluginProcessTest {

    private static final String FACTORY = "org.glance4j.ports.out.store.ImageStoreFactory";

    @Test
    void aStoreJarInAPluginDirectoryServesImages(@TempDir Path dir) throws Exception {
        Path plugins = dir.resolve("plugins");
        Path jar = PluginJars.exampleStore(dir, plugins.resolve("example-store.jar"));
        Path images = dir.resolve("mine");
        Path conf = Files.writeString(
                dir.resolve("glance-api.conf"),
                "[DEFAULT]\nenabled_backends = mine:directory\n"
                        + "[glance_store]\ndefault_backend = mine\n[mine]\ndirectory_store_path = " + images + "\n"
                        + "directory_store_pth = typo\n");
        try (ServerProcess server = ServerProcess.startReady(
                dir.resolve("data"),
                dir.resolve("server.log"),
                0,
                "--config",
                conf.toString(),
                "--plugins",
                plugins.toString())) {
            assertThat(server.output())
                    .contains("store types: ")
                    .contains("directory (" + jar + ")")
                    .contains("file (class path)")
                    .contains("Store 'mine': unknown option directory_store_pth (did you mean"
                            + " directory_store_path?); ignored");
            DataApi api = new DataApi(server.baseUri());
            String id = api.createImage("from-a-plugin");
            long size = 3L * 1024 * 1024 + 7;
            api.uploadOk(id, size, 11);
            assertThat(api.status(id)).isEqualTo("active");
            assertThat(api.downloadSha256(id))
                    .isEqualTo(org.glance4j.ports.testing.store.GeneratedBytes.sha256(size, 11));
            try (Stream<Path> files = Files.list(images)) {
                assertThat(files.filter(f -> f.getFileName().toString().equals(id))
                                .count())
                        .as("the image file in the plugin store's directory")
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void theConfigurationFileNamesPluginDirectoriesToo(@TempDir Path dir) throws Exception {
        Path plugins = dir.resolve("plugins");
        Path jar = PluginJars.exampleStore(dir, plugins.resolve("example-store.jar"));
        Path conf = Files.writeString(
                dir.resolve("glance-api.conf"),
                "[glance4j]\nplugin_dirs = " + plugins + "\n"
                        + "[DEFAULT]\nenabled_backends = mine:directory\n[glance_store]\ndefault_backend = mine\n[mine]\n"
                        + "directory_store_path = " + dir.resolve("mine") + "\n");
        try (ServerProcess server = ServerProcess.startReady(
                dir.resolve("data"), dir.resolve("server.log"), 0, "--config", conf.toString())) {
            assertThat(server.output()).contains("directory (" + jar + ")");
        }
    }

    @Test
    void aJarThatIsNoJarStopsTheStartNamingIt(@TempDir Path dir) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path broken = Files.writeString(plugins.resolve("broken.jar"), "not a zip file");
        assertStartFails(dir, plugins, broken + " cannot be read as a jar");
    }

    @Test
    void aJarWhoseFactoryIsMissingStopsTheStartNamingIt(@TempDir Path dir) throws Exception {
        Path plugins = dir.resolve("plugins");
        Path jar = PluginJars.of(
                dir,
                plugins.resolve("missing-class.jar"),
                Map.of(),
                Map.of("META-INF/services/" + FACTORY, "org.example.NotThere\n"),
                PluginJars.portsOnly());
        assertStartFails(dir, plugins, "the plugin jar " + jar + " is broken");
    }

    @Test
    void aPluginSeesNothingOfTheServerButThePorts(@TempDir Path dir) throws Exception {
        Path plugins = dir.resolve("plugins");
        // compiled against the whole test class path, but at run time only the ports and the JDK are visible
        String source = "package org.example;\n"
                + "public final class Greedy implements org.glance4j.ports.out.store.ImageStoreFactory {\n"
                + "  private final Object server = org.slf4j.LoggerFactory.getLogger(\"x\");\n"
                + "  public String type() { return \"greedy\"; }\n"
                + "  public org.glance4j.ports.out.store.ImageStore create(String id, java.util.Map<String, String> o)"
                + " { throw new UnsupportedOperationException(); }\n"
                + "}\n";
        Path jar = PluginJars.of(
                dir,
                plugins.resolve("greedy.jar"),
                Map.of("org.example.Greedy", source),
                Map.of("META-INF/services/" + FACTORY, "org.example.Greedy\n"),
                System.getProperty("java.class.path"));
        assertStartFails(dir, plugins, "the plugin jar " + jar + " is broken");
    }

    @Test
    void aMissingPluginDirectoryStopsTheStartNamingIt(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("no-such-plugins");
        assertStartFails(dir, missing, "the plugin directory " + missing + " does not exist");
    }

    private static void assertStartFails(Path dir, Path plugins, String expected) throws Exception {
        try (ServerProcess server = ServerProcess.start(
                dir.resolve("data"), dir.resolve("server.log"), 0, "--plugins", plugins.toString())) {
            assertThat(server.awaitExit())
                    .as("exit status; output:%n%s", server.output())
                    .isEqualTo(1);
            assertThat(server.output())
                    .contains(expected)
                    .doesNotContain("glance4j listening")
                    .doesNotContain("\tat ");
        }
    }
}
