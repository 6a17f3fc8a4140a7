package org.glance4j.bootstrap.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an operator's policy file as oslo.policy does: a YAML (or JSON, which is YAML too) mapping of rule names to
 * check strings. The rules are not parsed here; the core parses them and names a rule that does not parse.
 */
public final class PolicyFileReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private PolicyFileReader() {}

    /**
     * The rules of the file, in file order.
     *
     * @throws ConfigException naming the file when it cannot be read, is not a mapping, or gives a rule a value
     *                         that is not a string
     */
    public static Map<String, String> read(Path file) {
        JsonNode root;
        try {
            String text = Files.readString(file);
            root = text.isBlank() ? YAML.createObjectNode() : YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException("cannot parse the policy file " + file + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read the policy file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return Map.of();
        }
        if (!root.isObject()) {
            throw new ConfigException("the policy file " + file + " must map rule names to check strings");
        }
        Map<String, String> rules = new LinkedHashMap<>();
        root.fields().forEachRemaining(entry -> {
            JsonNode value = entry.getValue();
            if (!value.isTextual()) {
                throw new ConfigException("the policy file " + file + " gives the rule '" + entry.getKey()
                        + "' a value that is not a check string: " + value);
            }
            rules.put(entry.getKey(), value.asText());
        });
        return rules;
    }
}
