package org.glance4j.bootstrap;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.glance4j.bootstrap.config.ConfigException;
import org.glance4j.bootstrap.config.DatabaseTarget;
import org.glance4j.bootstrap.wiring.ServerSettings;
import org.glance4j.core.settings.CoreSettings;
import org.glance4j.core.settings.PropertyProtectionSettings;
import org.glance4j.ports.out.SharedNodeSettings;

/**
 * The configuration every node on one database must share: the stores (ids and types), the default store, the
 * hashing algorithm and the policy (a digest of the effective policy rules and property protections). The first
 * node on a database records its values; a later node whose values differ is refused at start, naming each one.
 * On SQLite, which serves a single node, the node's values are recorded and never compared.
 */
final class SharedNodeConfig {

    /** The recorded names, in the order a refusal lists them, with the options each comes from. */
    static final Map<String, String> OPTIONS = options();

    private SharedNodeConfig() {}

    private static Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("stores", "the stores ([DEFAULT] enabled_backends, or [glance_store] stores)");
        options.put("default_store", "the default store ([glance_store] default_backend, or default_store)");
        options.put("hashing_algorithm", "[DEFAULT] hashing_algorithm");
        options.put(
                "policy",
                "the policy ([oslo_policy] policy_file and [DEFAULT] property_protection_file), "
                        + "as a SHA-256 of its effective rules");
        return options;
    }

    /** This node's values, by recorded name. */
    static Map<String, String> of(ServerSettings settings) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(
                "stores",
                settings.stores().stream()
                        .sorted(Comparator.comparing(s -> s.id()))
                        .map(store -> store.id() + ":" + store.type())
                        .collect(Collectors.joining(", ")));
        values.put("default_store", settings.defaultStore());
        values.put("hashing_algorithm", settings.data().hashingAlgorithm());
        values.put("policy", policyDigest(settings.core()));
        return values;
    }

    /**
     * Records this node's values where none are recorded yet, and refuses the start when a recorded one differs.
     *
     * @throws ConfigException naming every option that differs, this node's value and the recorded one
     */
    static void check(SharedNodeSettings recorded, ServerSettings settings) {
        Map<String, String> mine = of(settings);
        if (settings.database().kind() == DatabaseTarget.Kind.SQLITE) {
            recorded.replace(mine);
            return;
        }
        Map<String, String> theirs = recorded.recordMissing(mine);
        List<String> differences = new ArrayList<>();
        mine.forEach((name, value) -> {
            String other = theirs.get(name);
            if (other != null && !other.equals(value)) {
                differences.add("  " + OPTIONS.get(name) + ": this node has '" + value + "', the database records '"
                        + other + "'");
            }
        });
        if (!differences.isEmpty()) {
            throw new ConfigException("this node's configuration differs from the one recorded in the database by "
                    + "the glance4j nodes that share it; every node must use the same:\n"
                    + String.join("\n", differences) + "\nGive this node the recorded values, or, to change them on "
                    + "purpose, stop every node, run `glance4j db accept-node-config --config FILE` with the new "
                    + "configuration, and start the nodes again with it.");
        }
    }

    /** A digest of the effective policy: the operator's rule overrides and property protections, in a stable order. */
    static String policyDigest(CoreSettings core) {
        StringBuilder text = new StringBuilder("rules\n");
        new TreeMap<>(core.policyOverrides())
                .forEach((name, rule) ->
                        text.append(name).append('=').append(rule).append('\n'));
        PropertyProtectionSettings protections = core.propertyProtections();
        if (protections != null) {
            text.append("protections ").append(protections.format()).append('\n');
            for (PropertyProtectionSettings.Section section : protections.sections()) {
                text.append(section.pattern())
                        .append(' ')
                        .append(new TreeMap<>(section.operations()))
                        .append('\n');
            }
        }
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
