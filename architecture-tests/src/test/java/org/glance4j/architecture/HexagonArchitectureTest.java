package org.glance4j.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks every rule of {@link HexagonRules} on the production classes of all modules. */
class HexagonArchitectureTest {

    static Stream<ArchRule> rules() {
        return HexagonRules.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("rules")
    void productionClassesFollowTheRule(ArchRule rule) {
        rule.check(ProductionClasses.get());
    }

    @Test
    void theImportHoldsEveryModuleAndNoTestOrFixtureClass() {
        JavaClasses classes = ProductionClasses.get();
        assertThat(classes.stream().map(JavaClass::getPackageName))
                .anyMatch(p -> p.startsWith("org.glance4j.ports.model"))
                .anyMatch(p -> p.startsWith("org.glance4j.ports.in"))
                .anyMatch(p -> p.startsWith("org.glance4j.ports.out"))
                .anyMatch(p -> p.startsWith("org.glance4j.core"))
                .anyMatch(p -> p.startsWith("org.glance4j.http"))
                .anyMatch(p -> p.startsWith("org.glance4j.jdbc"))
                .anyMatch(p -> p.startsWith("org.glance4j.storage.cache"))
                .anyMatch(p -> p.startsWith("org.glance4j.staging"))
                .anyMatch(p -> p.startsWith("org.glance4j.bootstrap"))
                .anyMatch(p -> p.startsWith("org.glance4j.storage.file"))
                .anyMatch(p -> p.startsWith("org.glance4j.storage.http"))
                .anyMatch(p -> p.startsWith("org.glance4j.storage.s3"))
                .anyMatch(p -> p.startsWith("org.glance4j.storage.rbd"))
                .noneMatch(p -> p.contains("archfixture"));
        assertThat(classes.stream().map(JavaClass::getSimpleName)).noneMatch(n -> n.endsWith("Test"));
        assertThat(classes.contain("org.glance4j.ports.testing.store.GeneratedBytes"))
                .as("the ports test-jar stays out")
                .isFalse();
        assertThat(classes.contain("org.glance4j.ports.testing.InMemoryImageRepository"))
                .as("adapters-memory is production code, checked by the rules")
                .isTrue();
    }
}
