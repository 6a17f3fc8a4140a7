package org.glance4j.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import com.tngtech.archunit.lang.ArchRule;

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
    static final String BOOTSTRAP = "org.glance4j.bootstrap..";

    /** (a) ports: the JDK and ports, nothing else. */
    static final ArchRule PORTS_DEPEND_ONLY_ON_JDK = classes().that().resideInAPackage(PORTS)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", PORTS)
            .because("ports is what embedders and adapter authors compile against: JDK only");

    /** (b) core-domain: the JDK, ports and core, nothing else. */
    static final ArchRule CORE_DEPENDS_ONLY_ON_PORTS_AND_JDK = classes().that().resideInAPackage(CORE)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", PORTS, CORE)
            .because("the rules live in plain Java: no framework, no annotations, no adapter");

    /** (c) the HTTP adapter: not core, not another adapter, not bootstrap. */
    static final ArchRule HTTP_IS_ALONE = adapterIsAlone(HTTP, JDBC, STORAGE);

    /** (c) the JDBC adapter: not core, not another adapter, not bootstrap. */
    static final ArchRule JDBC_IS_ALONE = adapterIsAlone(JDBC, HTTP, STORAGE);

    /** (c) the storage adapter: not core, not another adapter, not bootstrap. It may have no classes yet. */
    static final ArchRule STORAGE_IS_ALONE = adapterIsAlone(STORAGE, HTTP, JDBC).allowEmptyShould(true);

    /** (d) inbound ports do not know outbound ports. */
    static final ArchRule PORTS_IN_DOES_NOT_SEE_PORTS_OUT = noClasses().that().resideInAPackage(PORTS_IN)
            .should().dependOnClassesThat().resideInAPackage(PORTS_OUT)
            .because("use cases and SPIs are separate contracts");

    /** (d) outbound ports do not know inbound ports. */
    static final ArchRule PORTS_OUT_DOES_NOT_SEE_PORTS_IN = noClasses().that().resideInAPackage(PORTS_OUT)
            .should().dependOnClassesThat().resideInAPackage(PORTS_IN)
            .because("use cases and SPIs are separate contracts");

    /**
     * (g) Micrometer lives in app-bootstrap's metrics package alone: ports, core and adapters tell what happens
     * through their own small interfaces (a request observer, a statement timer, the repository and store ports),
     * and the wiring measures it there.
     */
    static final ArchRule METRICS_STAY_IN_BOOTSTRAP = noClasses().that().resideOutsideOfPackage(
            "org.glance4j.bootstrap.metrics..").should().dependOnClassesThat().resideInAPackage("io.micrometer..")
            .because("metrics are wired in app-bootstrap; ports, core-domain and adapters do not know Micrometer");

    /** (e) no cycles between packages, without exemption. */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("org.glance4j.(**)").should().beFreeOfCycles();

    /** (e) no cycles between modules, without exemption. */
    static final ArchRule NO_MODULE_CYCLES = slices().matching("org.glance4j.(*)..").should().beFreeOfCycles();

    static final List<ArchRule> ALL = List.of(PORTS_DEPEND_ONLY_ON_JDK, CORE_DEPENDS_ONLY_ON_PORTS_AND_JDK,
            HTTP_IS_ALONE, JDBC_IS_ALONE, STORAGE_IS_ALONE, PORTS_IN_DOES_NOT_SEE_PORTS_OUT,
            PORTS_OUT_DOES_NOT_SEE_PORTS_IN, NO_PACKAGE_CYCLES, NO_MODULE_CYCLES, METRICS_STAY_IN_BOOTSTRAP);

    private HexagonRules() {
    }

    private static ArchRule adapterIsAlone(String adapter, String... otherAdapters) {
        String[] forbidden = new String[otherAdapters.length + 2];
        forbidden[0] = CORE;
        forbidden[1] = BOOTSTRAP;
        System.arraycopy(otherAdapters, 0, forbidden, 2, otherAdapters.length);
        return noClasses().that().resideInAPackage(adapter)
                .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                .because("an adapter sees ports and its own libraries only; app-bootstrap wires it to the core");
    }
}
