package org.glance4j.bootstrap;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps the {@code *ProcessTest} classes out of the unit-test phase. They need the runnable jar, which {@code package}
 * makes after that phase, so the pom runs them in the {@code integration-test} phase, where it also sets the system
 * property {@code glance4j.jar}. A {@code -Dtest=SomeProcessTest} on the command line overrides the pom's excludes
 * and would run the class in the unit-test phase too, against no jar or the jar of an older build; this condition
 * (registered through {@code META-INF/services} and enabled by the pom's surefire configuration) disables it there.
 * Run from an IDE, without the pom's configuration, it does nothing.
 */
public final class ProcessTestsAfterPackage implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        boolean processTest = context.getTestClass()
                .map(c -> c.getSimpleName().endsWith("ProcessTest"))
                .orElse(false);
        if (processTest && System.getProperty("glance4j.jar") == null) {
            return ConditionEvaluationResult.disabled("a process test runs after package, in the integration-test"
                    + " phase, against the runnable jar that build made");
        }
        return ConditionEvaluationResult.enabled("not a process test, or in the integration-test phase");
    }
}
