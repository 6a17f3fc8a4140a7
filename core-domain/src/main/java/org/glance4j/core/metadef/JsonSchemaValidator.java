package org.glance4j.core.metadef;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glance4j.core.text.StorableText;
import org.glance4j.ports.error.GlanceException;

/**
 * Validates JSON values (plain JDK objects) against the subset of JSON Schema (draft 4) that the catalog's own
 * schemas use: {@code type} (one or several, {@code null} included), {@code enum}, {@code minLength},
 * {@code maxLength}, {@code minimum}, {@code maximum}, {@code required}, {@code properties},
 * {@code additionalProperties}, {@code items}, {@code minItems}, {@code maxItems}, {@code uniqueItems},
 * {@code allOf} and local {@code $ref}s ({@code #/definitions/name}). Other keywords are ignored, as validators
 * ignore unknown keywords. Failures read like Python's jsonschema messages, which Glance passes on.
 */
final class JsonSchemaValidator {

    /** The keys whose string values name something, so that they must hold no control character. */
    private static final Set<String> IDENTIFIER_KEYS = Set.of("name", "namespace", "prefix", "properties_target");

    private final String schemaName;
    private final Map<String, Object> root;

    JsonSchemaValidator(String schemaName, Map<String, Object> root) {
        this.schemaName = schemaName;
        this.root = root;
    }

    /**
     * Checks the characters of every string first ({@link StorableText}: names, keys and prefixes are identifiers,
     * other strings free text), then the schema.
     *
     * @throws GlanceException {@code INVALID} naming the schema and the first violation found
     */
    void validate(Object instance) {
        StorableText.requireInJson(
                Character.toUpperCase(schemaName.charAt(0)) + schemaName.substring(1), instance, IDENTIFIER_KEYS);
        String failure = check(instance, root);
        if (failure != null) {
            throw GlanceException.invalid("Provided object does not match schema '" + schemaName + "': " + failure);
        }
    }

    @SuppressWarnings("unchecked")
    private String check(Object value, Map<String, Object> schema) {
        Object ref = schema.get("$ref");
        if (ref instanceof String path) {
            return check(value, resolve(path));
        }
        Object allOf = schema.get("allOf");
        if (allOf instanceof List<?> parts) {
            for (Object part : parts) {
                String failure = check(value, (Map<String, Object>) part);
                if (failure != null) {
                    return failure;
                }
            }
        }
        Object type = schema.get("type");
        if (type != null && !matchesType(value, type)) {
            return PyRepr.of(value) + " is not of type " + typeNames(type);
        }
        Object allowed = schema.get("enum");
        if (allowed instanceof List<?> options && options.stream().noneMatch(o -> jsonEquals(o, value))) {
            return PyRepr.of(value) + " is not one of " + PyRepr.of(options);
        }
        if (value instanceof String text) {
            return checkString(text, schema);
        }
        if (value instanceof Number number && !(value instanceof Boolean)) {
            return checkNumber(number, schema);
        }
        if (value instanceof List<?> list) {
            return checkArray(list, schema);
        }
        if (value instanceof Map<?, ?> map) {
            return checkObject((Map<String, Object>) map, schema);
        }
        return null;
    }

    private String checkString(String text, Map<String, Object> schema) {
        int length = text.codePointCount(0, text.length());
        if (schema.get("maxLength") instanceof Number max && length > max.longValue()) {
            return PyRepr.of(text) + " is too long";
        }
        if (schema.get("minLength") instanceof Number min && length < min.longValue()) {
            return PyRepr.of(text) + " is too short";
        }
        return null;
    }

    private static String checkNumber(Number number, Map<String, Object> schema) {
        BigDecimal value = decimal(number);
        if (schema.get("minimum") instanceof Number min && value.compareTo(decimal(min)) < 0) {
            return PyRepr.of(number) + " is less than the minimum of " + PyRepr.of(min);
        }
        if (schema.get("maximum") instanceof Number max && value.compareTo(decimal(max)) > 0) {
            return PyRepr.of(number) + " is greater than the maximum of " + PyRepr.of(max);
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private String checkArray(List<?> list, Map<String, Object> schema) {
        if (schema.get("minItems") instanceof Number min && list.size() < min.longValue()) {
            return PyRepr.of(list) + " is too short";
        }
        if (schema.get("maxItems") instanceof Number max && list.size() > max.longValue()) {
            return PyRepr.of(list) + " is too long";
        }
        if (Boolean.TRUE.equals(schema.get("uniqueItems"))) {
            List<Object> seen = new ArrayList<>();
            for (Object item : list) {
                if (seen.stream().anyMatch(s -> jsonEquals(s, item))) {
                    return PyRepr.of(list) + " has non-unique elements";
                }
                seen.add(item);
            }
        }
        if (schema.get("items") instanceof Map<?, ?> items) {
            for (Object item : list) {
                String failure = check(item, (Map<String, Object>) items);
                if (failure != null) {
                    return failure;
                }
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private String checkObject(Map<String, Object> map, Map<String, Object> schema) {
        if (schema.get("required") instanceof List<?> required) {
            for (Object name : required) {
                if (!map.containsKey(name)) {
                    return PyRepr.of(name) + " is a required property";
                }
            }
        }
        Map<String, Object> properties =
                schema.get("properties") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
        Object additional = schema.get("additionalProperties");
        List<String> unexpected = new ArrayList<>();
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            Object propertySchema = properties.get(entry.getKey());
            if (propertySchema instanceof Map<?, ?> ps) {
                String failure = check(entry.getValue(), (Map<String, Object>) ps);
                if (failure != null) {
                    return failure;
                }
            } else if (Boolean.FALSE.equals(additional)) {
                unexpected.add(entry.getKey());
            } else if (additional instanceof Map<?, ?> as) {
                String failure = check(entry.getValue(), (Map<String, Object>) as);
                if (failure != null) {
                    return failure;
                }
            }
        }
        if (!unexpected.isEmpty()) {
            List<String> quoted = unexpected.stream().map(PyRepr::of).toList();
            return "Additional properties are not allowed (" + String.join(", ", quoted)
                    + (unexpected.size() == 1 ? " was" : " were") + " unexpected)";
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resolve(String ref) {
        String prefix = "#/definitions/";
        if (ref.startsWith(prefix)
                && root.get("definitions") instanceof Map<?, ?> definitions
                && definitions.get(ref.substring(prefix.length())) instanceof Map<?, ?> target) {
            return (Map<String, Object>) target;
        }
        throw new IllegalStateException("unresolvable $ref " + ref + " in schema " + schemaName);
    }

    private static boolean matchesType(Object value, Object type) {
        if (type instanceof List<?> types) {
            return types.stream().anyMatch(t -> matchesType(value, t));
        }
        if (type == null) {
            return value == null;
        }
        return switch (String.valueOf(type)) {
            case "string" -> value instanceof String;
            case "boolean" -> value instanceof Boolean;
            case "integer" -> isInteger(value);
            case "number" -> value instanceof Number;
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            case "null" -> value == null;
            default -> true;
        };
    }

    static boolean isInteger(Object value) {
        return value instanceof Integer
                || value instanceof Long
                || value instanceof BigInteger
                || value instanceof Short
                || value instanceof Byte;
    }

    private static String typeNames(Object type) {
        if (type instanceof List<?> types) {
            return PyRepr.of(types);
        }
        return PyRepr.of(type);
    }

    private static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (isInteger(n)) {
            return BigDecimal.valueOf(n.longValue());
        }
        return BigDecimal.valueOf(n.doubleValue());
    }

    /** JSON equality: numbers by value (1 equals 1.0, as in Python), containers element by element. */
    static boolean jsonEquals(Object a, Object b) {
        if (a instanceof Boolean || b instanceof Boolean) {
            return a != null && a.equals(b);
        }
        if (a instanceof Number x && b instanceof Number y) {
            return decimal(x).compareTo(decimal(y)) == 0;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!jsonEquals(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            Set<Object> keys = new HashSet<>(x.keySet());
            if (!keys.equals(new HashSet<>(y.keySet()))) {
                return false;
            }
            return keys.stream().allMatch(k -> jsonEquals(x.get(k), y.get(k)));
        }
        return a == null ? b == null : a.equals(b);
    }
}
