package org.glance4j.bootstrap.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.glance4j.ports.out.store.ImageStoreFactory;

/**
 * Builds store plugin jars for the plugin tests as an outside author would: sources compiled with the JDK's
 * compiler against the ports alone, packed with their {@code META-INF/services} file.
 */
final class PluginJars {

    private PluginJars() {}

    /** examples/example-store's main classes and resources as a jar at {@code jar}. */
    static Path exampleStore(Path work, Path jar) throws IOException {
        Path project = Path.of("..", "examples", "example-store", "src", "main");
        List<Path> sources;
        try (Stream<Path> files = Files.walk(project.resolve("java"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        Path classes = compile(work.resolve("example-classes"), sources, portsOnly());
        copyTree(project.resolve("resources"), classes);
        return pack(classes, jar);
    }

    /** A jar of the given sources (name to text) and resources, compiled against {@code classPath}. */
    static Path of(Path work, Path jar, Map<String, String> sources, Map<String, String> resources, String classPath)
            throws IOException {
        Path sourceDir = Files.createDirectories(work.resolve("src-" + jar.getFileName()));
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = sourceDir.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            files.add(Files.writeString(file, source.getValue()));
        }
        Path classes = compile(work.resolve("classes-" + jar.getFileName()), files, classPath);
        for (Map.Entry<String, String> resource : resources.entrySet()) {
            Path file = classes.resolve(resource.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, resource.getValue());
        }
        return pack(classes, jar);
    }

    /** Where the ports classes are: the only thing a store is compiled against. */
    static String portsOnly() {
        try {
            return Path.of(ImageStoreFactory.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path compile(Path classes, List<Path> sources, String classPath) throws IOException {
        Files.createDirectories(classes);
        if (sources.isEmpty()) {
            return classes;
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler)
                .as("the JDK's compiler (a JDK, not a JRE, runs the tests)")
                .isNotNull();
        List<String> args =
                new ArrayList<>(List.of("--release", "17", "-classpath", classPath, "-d", classes.toString()));
        sources.forEach(s -> args.add(s.toString()));
        StringWriter errors = new StringWriter();
        int status = compiler.run(
                null,
                null,
                new java.io.PrintStream(
                        new OutputStream() {
                            @Override
                            public void write(int b) {
                                errors.write(b);
                            }
                        },
                        true,
                        StandardCharsets.UTF_8),
                args.toArray(String[]::new));
        assertThat(status).as("javac: %s", errors).isZero();
        return classes;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }

    private static Path pack(Path classes, Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(
                        new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
