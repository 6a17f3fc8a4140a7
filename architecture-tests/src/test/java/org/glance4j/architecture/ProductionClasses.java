package org.glance4j.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The production classes of every module, imported once: no test classes, no test-jars, no fixtures. */
final class ProductionClasses {

    /** Leaves out Maven test-jars such as the ports contract kit. */
    static final ImportOption NO_TEST_JARS = location -> !location.contains("-tests.jar");

    private static JavaClasses classes;

    private ProductionClasses() {}

    static synchronized JavaClasses get() {
        if (classes == null) {
            classes = new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .withImportOption(NO_TEST_JARS)
                    .importPackages("org.glance4j");
        }
        return classes;
    }
}
