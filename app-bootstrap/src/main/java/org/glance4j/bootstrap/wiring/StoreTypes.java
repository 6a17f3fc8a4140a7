package org.glance4j.bootstrap.wiring;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.glance4j.ports.out.store.ImageStoreFactory;

/**
 * The store types this server can build, each with where it came from: the factories on the class path (the
 * built-in stores) and those of the plugin jars in the plugin directories, every jar in a class loader of its own
 * that sees only the ports API and the JDK ({@link PortsOnlyClassLoader}). A type found twice, a jar that cannot be
 * read or whose factory cannot be loaded, and a jar with no store factory stop the start, naming the jar.
 */
public final class StoreTypes {
    /** The origin of the factories of the server's own class path. */
    public static final String CLASS_PATH = "class path";

    private final Map<String, Found> byType;

    /** One store type and where its factory came from ({@link #CLASS_PATH} or a jar's path). */
    public record Found(ImageStoreFactory factory, String origin) {}

    private StoreTypes(Map<String, Found> byType) {
        this.byType = Collections.unmodifiableMap(byType);
    }

    /** The store types of the server's class path only. */
    public static StoreTypes classPath() {
        return load(List.of());
    }

    /** The given factories, as if found on the class path (for tests and embedders). */
    public static StoreTypes of(Iterable<ImageStoreFactory> factories) {
        Map<String, Found> byType = new LinkedHashMap<>();
        for (ImageStoreFactory factory : factories) {
            byType.putIfAbsent(factory.type(), new Found(factory, CLASS_PATH));
        }
        return new StoreTypes(byType);
    }

    /**
     * The store types of the class path and of every {@code *.jar} in {@code pluginDirs} (in name order).
     *
     * @throws PluginException naming the directory or the jar when one cannot be used
     */
    public static StoreTypes load(List<Path> pluginDirs) {
        ClassLoader server = StoreTypes.class.getClassLoader();
        Map<String, Found> byType = new LinkedHashMap<>();
        for (ImageStoreFactory factory : ServiceLoader.load(ImageStoreFactory.class, server)) {
            add(byType, new Found(factory, CLASS_PATH));
        }
        PortsOnlyClassLoader api = new PortsOnlyClassLoader(server);
        for (Path dir : pluginDirs) {
            for (Path jar : jarsOf(dir)) {
                List<ImageStoreFactory> factories = factoriesOf(jar, api);
                for (ImageStoreFactory factory : factories) {
                    add(byType, new Found(factory, jar.toString()));
                }
            }
        }
        return new StoreTypes(byType);
    }

    /** The factory of {@code type}, if any. */
    public Optional<ImageStoreFactory> factory(String type) {
        return Optional.ofNullable(byType.get(type)).map(Found::factory);
    }

    /** Every type, in the order found (class path first). */
    public List<Found> list() {
        return List.copyOf(byType.values());
    }

    /** The type names, sorted. */
    public List<String> names() {
        return byType.keySet().stream().sorted().toList();
    }

    /** One line for the start-up log: {@code file (class path), rbd (/opt/glance4j/plugins/rbd.jar), ...}. */
    public String describe() {
        return byType.values().stream()
                .map(f -> f.factory().type() + " (" + f.origin() + ")")
                .collect(Collectors.joining(", "));
    }

    private static void add(Map<String, Found> byType, Found found) {
        Found before = byType.putIfAbsent(found.factory().type(), found);
        if (before != null) {
            throw new PluginException("store type '" + found.factory().type() + "' is provided twice: by "
                    + before.origin() + " and by " + found.origin() + "; remove one of them");
        }
    }

    private static List<Path> jarsOf(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new PluginException("the plugin directory " + dir + " does not exist or is not a directory");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new PluginException("cannot list the plugin directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static List<ImageStoreFactory> factoriesOf(Path jar, ClassLoader api) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (zip.getEntry("META-INF/services/" + ImageStoreFactory.class.getName()) == null) {
                throw new PluginException("the plugin jar " + jar + " declares no store factory (no META-INF/"
                        + "services/" + ImageStoreFactory.class.getName() + ")");
            }
        } catch (IOException e) {
            throw new PluginException("the plugin jar " + jar + " cannot be read as a jar: " + e.getMessage(), e);
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader(
                    "glance4j-plugin:" + jar.getFileName(),
                    new URL[] {jar.toUri().toURL()},
                    api);
        } catch (MalformedURLException e) {
            throw new PluginException("the plugin jar " + jar + " has no usable path", e);
        }
        List<ImageStoreFactory> factories = new ArrayList<>();
        try {
            for (ImageStoreFactory factory : ServiceLoader.load(ImageStoreFactory.class, loader)) {
                if (factory.getClass().getClassLoader() == loader) {
                    factories.add(factory);
                }
            }
        } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
            throw new PluginException(
                    "the plugin jar " + jar + " is broken: its store factory cannot be loaded (" + rootMessage(e) + ")",
                    e);
        }
        if (factories.isEmpty()) {
            throw new PluginException("the plugin jar " + jar + " declares no store factory of its own");
        }
        return factories;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text =
                root == e ? String.valueOf(e.getMessage()) : root.getClass().getSimpleName() + ": " + root.getMessage();
        return text.replace('\n', ' ');
    }

    /** A plugin directory or jar that cannot be used; the message names it. */
    public static final class PluginException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PluginException(String message) {
            super(message);
        }

        PluginException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
