package org.glance4j.bootstrap.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.glance4j.core.policy.PolicyEngine;
import org.glance4j.core.policy.PropertyProtections;
import org.glance4j.core.settings.CoreSettings;
import org.glance4j.core.settings.PropertyProtectionSettings;

/**
 * The operator's policy file and property protections, read and checked before the server starts: a rule that
 * does not parse, or a protection section that Glance would refuse, stops the start with its name.
 *
 * <p>Paths are relative to the directory of the configuration file, where oslo.config looks first. Without
 * {@code policy_file} in the file, {@code policy.yaml} beside the configuration file is read when it exists;
 * without a configuration file nothing is read.
 */
public final class OperatorPolicy {

    private OperatorPolicy() {}

    /**
     * The core settings with the operator's policy overrides and property protections laid over them.
     *
     * @param configDir the directory of the configuration file, or empty when there is none
     * @throws ConfigException naming the file, rule or section that is wrong
     */
    public static CoreSettings apply(CoreSettings core, GlanceConfig.PolicyConfig policy, Optional<Path> configDir) {
        Map<String, String> overrides = policyOverrides(policy, configDir);
        PolicyEngine engine;
        try {
            engine = PolicyEngine.withOverrides(overrides);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    "invalid [" + GlanceOptions.OSLO_POLICY + "] " + GlanceOptions.POLICY_FILE.name() + ": "
                            + e.getMessage(),
                    e);
        }
        PropertyProtectionSettings protections = policy.propertyProtectionFile()
                .map(name -> {
                    Path file = resolve(name, configDir);
                    FileProblem.asFile(file).ifPresent(problem -> {
                        throw new ConfigException("the property protection file ([DEFAULT] "
                                + GlanceOptions.PROPERTY_PROTECTION_FILE.name() + "): " + problem);
                    });
                    PropertyProtectionSettings read = PropertyProtectionFileReader.read(file, policy.ruleFormat());
                    try {
                        PropertyProtections.of(read, engine);
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(
                                "invalid property protection file " + file + ": " + e.getMessage(), e);
                    }
                    return read;
                })
                .orElse(null);
        return core.withPolicyOverrides(overrides).withPropertyProtections(protections);
    }

    private static Map<String, String> policyOverrides(GlanceConfig.PolicyConfig policy, Optional<Path> configDir) {
        if (policy.policyFile().isPresent()) {
            Path file = resolve(policy.policyFile().get(), configDir);
            FileProblem.asFile(file).ifPresent(problem -> {
                throw new ConfigException("the policy file ([" + GlanceOptions.OSLO_POLICY + "] "
                        + GlanceOptions.POLICY_FILE.name() + "): " + problem);
            });
            return PolicyFileReader.read(file);
        }
        if (configDir.isEmpty()) {
            return Map.of();
        }
        Path standard = configDir.get().resolve(GlanceOptions.POLICY_FILE.defaultText());
        return Files.isRegularFile(standard) ? PolicyFileReader.read(standard) : Map.of();
    }

    private static Path resolve(String name, Optional<Path> configDir) {
        Path path = Path.of(name);
        if (path.isAbsolute() || configDir.isEmpty()) {
            return path.toAbsolutePath();
        }
        return configDir.get().resolve(path).toAbsolutePath();
    }
}
