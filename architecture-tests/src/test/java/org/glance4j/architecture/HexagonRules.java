package org.glance4j.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The dependency rules of glance4j's hexagon. Each is an allow-list or a deny-list over packages; together they
 * keep frameworks (Guice and {@code @Inject}, Jackson, Undertow, JDBI, ...) out of {@code ports} and
 * {@code core-domain}: those allow-lists admit nothing but {@code java..} and our own packages, so any framework type
 * is a violation without being named.
 */
final class HexagonRules {

    static final String PORTS = "org.glance4j.ports..";
    static final String PORTS_IN = "org.glance4j.ports.in..";
    static final String PORTS_OUT = "org.glance4j.ports.out..";
    static final String CORE = "org.glance4j.core..";
    static final String HTTP = "org.glance4j.http..";
    static final String JDBC = "org.glance4j.jdbc..";
    static final String STORAGE = "org.glance4j.storage..";
    /** The image cache adapter (module adapters-cache): inside the storage adapters' package space. */
    static final String CACHE_FILES = "org.glance4j.storage.cache..";

    static final String BOOTSTRAP = "org.glance4j.bootstrap..";
    /** The import adapter of the staging directory and qemu-img (module adapters-staging). */
    static final String STAGING = "org.glance4j.staging..";

    /** (a) ports: the JDK and ports, nothing else. */
    static final ArchRule PORTS_DEPEND_ONLY_ON_JDK = classes()
            .that()
            .resideInAPackage(PORTS)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", PORTS)
            .because("ports is what embedders and adapter authors compile against: JDK only");

    /** (b) core-domain: the JDK, ports and core, nothing else. */
    static final ArchRule CORE_DEPENDS_ONLY_ON_PORTS_AND_JDK = classes()
            .that()
            .resideInAPackage(CORE)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", PORTS, CORE)
            .because("the rules live in plain Java: no framework, no annotations, no adapter");

    /**
     * The types through which a program does file, process or network I/O itself. The core uses none of them: it
     * reaches staged data, web-download's source and qemu-img through the outbound ports of
     * {@code org.glance4j.ports.out.importing}. Streams and channels handed to it ({@code InputStream},
     * {@code SeekableByteChannel}) are fine; so is {@code InetAddress}, which the web-download filter resolves.
     */
    static final String[] IO_PACKAGES = {"java.net.http..", "java.nio.file.."};

    static final List<String> IO_CLASSES = List.of(
            "java.io.File",
            "java.io.FileInputStream",
            "java.io.FileOutputStream",
            "java.io.FileReader",
            "java.io.FileWriter",
            "java.io.RandomAccessFile",
            "java.nio.channels.FileChannel",
            "java.nio.channels.AsynchronousFileChannel",
            "java.lang.Process",
            "java.lang.ProcessBuilder",
            "java.lang.ProcessHandle",
            "java.lang.Runtime",
            "java.net.Socket",
            "java.net.ServerSocket",
            "java.net.DatagramSocket",
            "java.net.URLConnection",
            "java.net.HttpURLConnection",
            "java.nio.channels.SocketChannel",
            "java.nio.channels.ServerSocketChannel");

    /** (b) core-domain does rules, not I/O: no files, processes or network clients of its own. */
    static final ArchRule CORE_DOES_NO_IO = noClasses()
            .that()
            .resideInAPackage(CORE)
            .should()
            .dependOnClassesThat(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(IO_PACKAGES)
                    .or(com.tngtech.archunit.base.DescribedPredicate.describe(
                            "are " + IO_CLASSES, c -> IO_CLASSES.contains(c.getName()))))
            .because("the core decides; fetching a URL, running qemu-img and keeping staged files are outbound "
                    + "ports with adapters (org.glance4j.ports.out.importing)");

    /** (b) Guice stays in app-bootstrap: ports, core and adapters are wired from outside. */
    static final ArchRule GUICE_ONLY_IN_BOOTSTRAP = noClasses()
            .that()
            .resideOutsideOfPackage(BOOTSTRAP)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.google.inject..")
            .because("app-bootstrap is the only place that wires (one Guice module per adapter)");

    /** (c) the staging adapter: the JDK, ports, Jackson (qemu-img's JSON) and itself. */
    static final ArchRule STAGING_IS_ALONE = classes()
            .that()
            .resideInAPackage(STAGING)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", PORTS, STAGING, "com.fasterxml.jackson..")
            .because("the staging adapter keeps files and runs qemu-img with the JDK alone and meets the core "
                    + "through ports");

    /** (c) the HTTP adapter: not core, not another adapter, not bootstrap. */
    static final ArchRule HTTP_IS_ALONE = adapterIsAlone(HTTP, JDBC, STORAGE, STAGING);

    /** (c) the JDBC adapter: not core, not another adapter, not bootstrap. */
    static final ArchRule JDBC_IS_ALONE = adapterIsAlone(JDBC, HTTP, STORAGE, STAGING);

    /** (c) the storage adapter: not core, not another adapter, not bootstrap. It may have no classes yet. */
    static final ArchRule STORAGE_IS_ALONE =
            adapterIsAlone(STORAGE, HTTP, JDBC, STAGING).allowEmptyShould(true);

    static final String STORE_FILE = "org.glance4j.storage.file..";
    static final String STORE_HTTP = "org.glance4j.storage.http..";
    static final String[] STORE_JCLOUDS = {
        "org.glance4j.storage.jclouds..", "org.glance4j.storage.s3..", "org.glance4j.storage.swift.."
    };

    /** (f) each store module (file, http, jclouds: s3 and swift) is a plugin: it sees no other store module. */
    static final ArchRule FILE_STORE_IS_ALONE =
            storeIsAlone(new String[] {STORE_FILE}, STORE_HTTP, STORE_JCLOUDS[0], STORE_JCLOUDS[1], STORE_JCLOUDS[2]);

    /** (f) the http store sees no other store module. */
    static final ArchRule HTTP_STORE_IS_ALONE =
            storeIsAlone(new String[] {STORE_HTTP}, STORE_FILE, STORE_JCLOUDS[0], STORE_JCLOUDS[1], STORE_JCLOUDS[2]);

    /** (f) the jclouds stores (s3, swift and their shared code) see no other store module. */
    static final ArchRule JCLOUDS_STORES_ARE_ALONE = storeIsAlone(STORE_JCLOUDS, STORE_FILE, STORE_HTTP);

    /** (f) jclouds stays inside the jclouds store module. */
    static final ArchRule JCLOUDS_ONLY_IN_ITS_STORE = noClasses()
            .that()
            .resideOutsideOfPackages(STORE_JCLOUDS)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.jclouds..")
            .because("jclouds is the library of the s3 and swift stores only (adapters-storage/jclouds)");

    /** (f) bootstrap names no store: it finds them all through ServiceLoader, like an outside plugin. */
    static final ArchRule BOOTSTRAP_KNOWS_NO_STORE = noClasses()
            .that()
            .resideInAPackage(BOOTSTRAP)
            .should()
            .dependOnClassesThat(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(STORAGE)
                    .and(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage(CACHE_FILES)))
            .because("every store is a plugin found through ServiceLoader; bootstrap reads its declared options "
                    + "(the image cache's files, adapters-cache, are not a store)");

    /** (f) the rbd store, a plugin: the JDK, ports' store SPI and its helpers, JNA, and itself. */
    static final ArchRule RBD_STORE_SEES_ONLY_THE_STORE_SPI_AND_JNA = classes()
            .that()
            .resideInAPackage("org.glance4j.storage.rbd..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "org.glance4j.ports.error..",
                    "org.glance4j.ports.out.store..",
                    "org.glance4j.storage.rbd..",
                    "com.sun.jna..")
            .because("a store plugin compiles against the published store SPI alone (plus its own library)");

    /**
     * (c) the image cache adapter: ports and the JDK only; not core, not bootstrap, not another adapter, and not the
     * image stores that share its package space (it is its own module).
     */
    static final ArchRule CACHE_FILES_ARE_ALONE = classes()
            .that()
            .resideInAPackage(CACHE_FILES)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", PORTS, CACHE_FILES)
            .because("the cache adapter keeps files with the JDK alone and meets the core through ports");

    /**
     * The in-memory adapters (module adapters-memory; they keep the package of the ports test-jar that held them
     * first).
     */
    static final String MEMORY_ADAPTERS = "org.glance4j.ports.testing..";

    /**
     * (h) the in-memory adapters: outbound ports, their records and errors, and the JDK; no use case, no core, no
     * other adapter, no library.
     */
    static final ArchRule MEMORY_ADAPTERS_SEE_ONLY_THE_OUTBOUND_PORTS = classes()
            .that()
            .resideInAPackage(MEMORY_ADAPTERS)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..", "org.glance4j.ports.error..", "org.glance4j.ports.model..", PORTS_OUT, MEMORY_ADAPTERS)
            .because("adapters-memory is a published jar on the ports alone, for tests and embedders");

    /** (d) inbound ports do not know outbound ports. */
    static final ArchRule PORTS_IN_DOES_NOT_SEE_PORTS_OUT = noClasses()
            .that()
            .resideInAPackage(PORTS_IN)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(PORTS_OUT)
            .because("use cases and SPIs are separate contracts");

    /** (d) outbound ports do not know inbound ports. */
    static final ArchRule PORTS_OUT_DOES_NOT_SEE_PORTS_IN = noClasses()
            .that()
            .resideInAPackage(PORTS_OUT)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(PORTS_IN)
            .because("use cases and SPIs are separate contracts");

    /**
     * (g) Micrometer lives in app-bootstrap's metrics package alone: ports, core and adapters tell what happens
     * through their own small interfaces (a request observer, a statement timer, the repository and store ports),
     * and the wiring measures it there.
     */
    static final ArchRule METRICS_STAY_IN_BOOTSTRAP = noClasses()
            .that()
            .resideOutsideOfPackage("org.glance4j.bootstrap.metrics..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.micrometer..")
            .because("metrics are wired in app-bootstrap; ports, core-domain and adapters do not know Micrometer");

    /** (e) no cycles between packages, without exemption. */
    static final ArchRule NO_PACKAGE_CYCLES =
            slices().matching("org.glance4j.(**)").should().beFreeOfCycles();

    /** (e) no cycles between modules, without exemption. */
    static final ArchRule NO_MODULE_CYCLES =
            slices().matching("org.glance4j.(*)..").should().beFreeOfCycles();

    static final List<ArchRule> ALL = List.of(
            PORTS_DEPEND_ONLY_ON_JDK,
            CORE_DEPENDS_ONLY_ON_PORTS_AND_JDK,
            HTTP_IS_ALONE,
            JDBC_IS_ALONE,
            STORAGE_IS_ALONE,
            CACHE_FILES_ARE_ALONE,
            PORTS_IN_DOES_NOT_SEE_PORTS_OUT,
            PORTS_OUT_DOES_NOT_SEE_PORTS_IN,
            NO_PACKAGE_CYCLES,
            NO_MODULE_CYCLES,
            FILE_STORE_IS_ALONE,
            HTTP_STORE_IS_ALONE,
            JCLOUDS_STORES_ARE_ALONE,
            JCLOUDS_ONLY_IN_ITS_STORE,
            BOOTSTRAP_KNOWS_NO_STORE,
            RBD_STORE_SEES_ONLY_THE_STORE_SPI_AND_JNA,
            METRICS_STAY_IN_BOOTSTRAP,
            CORE_DOES_NO_IO,
            GUICE_ONLY_IN_BOOTSTRAP,
            STAGING_IS_ALONE,
            MEMORY_ADAPTERS_SEE_ONLY_THE_OUTBOUND_PORTS);

    private HexagonRules() {}

    private static ArchRule storeIsAlone(String[] store, String... otherStores) {
        return noClasses()
                .that()
                .resideInAnyPackage(store)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(otherStores)
                .because("a store module depends on the ports alone, so that it can be a plugin jar")
                .allowEmptyShould(true);
    }

    private static ArchRule adapterIsAlone(String adapter, String... otherAdapters) {
        String[] forbidden = new String[otherAdapters.length + 2];
        forbidden[0] = CORE;
        forbidden[1] = BOOTSTRAP;
        System.arraycopy(otherAdapters, 0, forbidden, 2, otherAdapters.length);
        return noClasses()
                .that()
                .resideInAPackage(adapter)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(forbidden)
                .because("an adapter sees ports and its own libraries only; app-bootstrap wires it to the core");
    }
}
