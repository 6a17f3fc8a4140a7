package org.glance4j.core.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One property of the image schema: its JSON types, constraints and description. The same definition validates
 * request values ({@link #violation(Object)}) and renders into the published schema ({@link #toSchema()}), so the
 * two cannot disagree.
 *
 * @param types       JSON types, e.g. {@code ["null", "string"]}
 * @param maxLength   the longest string in characters (code points), or null
 * @param allowed     the enum, or null; may contain null
 * @param pattern     a regular expression strings must match, or null
 * @param readOnly    whether clients may never set it
 * @param base        whether it is a base property (false for the custom properties of schema-image.json)
 * @param items       the definition of array items, or null
 * @param extraSchema further schema members rendered verbatim (not validated), or empty
 */
public record PropertyDefinition(
        String name,
        List<String> types,
        String description,
        Integer maxLength,
        List<Object> allowed,
        String pattern,
        boolean readOnly,
        boolean base,
        PropertyDefinition items,
        Map<String, Object> extraSchema) {

    public PropertyDefinition {
        Objects.requireNonNull(name, "name");
        types = List.copyOf(types);
        allowed = allowed == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(allowed));
        extraSchema = extraSchema == null ? Map.of() : extraSchema;
    }

    /** A plain definition of the given types. */
    public static PropertyDefinition of(String name, String description, String... types) {
        return new PropertyDefinition(name, List.of(types), description, null, null, null, false, true, null, null);
    }

    public PropertyDefinition withMaxLength(int max) {
        return new PropertyDefinition(
                name, types, description, max, allowed, pattern, readOnly, base, items, extraSchema);
    }

    public PropertyDefinition withAllowed(List<Object> values) {
        return new PropertyDefinition(
                name, types, description, maxLength, values, pattern, readOnly, base, items, extraSchema);
    }

    public PropertyDefinition withPattern(String regex) {
        return new PropertyDefinition(
                name, types, description, maxLength, allowed, regex, readOnly, base, items, extraSchema);
    }

    public PropertyDefinition asReadOnly() {
        return new PropertyDefinition(
                name, types, description, maxLength, allowed, pattern, true, base, items, extraSchema);
    }

    public PropertyDefinition asCustom() {
        return new PropertyDefinition(
                name, types, description, maxLength, allowed, pattern, readOnly, false, items, extraSchema);
    }

    public PropertyDefinition withItems(PropertyDefinition itemDefinition) {
        return new PropertyDefinition(
                name, types, description, maxLength, allowed, pattern, readOnly, base, itemDefinition, extraSchema);
    }

    public PropertyDefinition withExtra(Map<String, Object> members) {
        return new PropertyDefinition(
                name, types, description, maxLength, allowed, pattern, readOnly, base, items, members);
    }

    /** Whether JSON null is an accepted value. */
    public boolean nullable() {
        return types.contains("null");
    }

    /**
     * What is wrong with {@code value} for this property, in words, or null when it is acceptable.
     */
    public String violation(Object value) {
        String type = JsonTypes.typeOf(value);
        if (!types.contains(type) && !(type.equals("integer") && types.contains("number"))) {
            return JsonTypes.show(value) + " is not of type "
                    + String.join(", ", types.stream().map(t -> "'" + t + "'").toList());
        }
        if (value instanceof String s) {
            if (maxLength != null && s.codePointCount(0, s.length()) > maxLength) {
                return JsonTypes.show(value) + " is too long (at most " + maxLength + " characters)";
            }
            if (pattern != null && !Pattern.compile(pattern).matcher(s).find()) {
                return JsonTypes.show(value) + " does not match '" + pattern + "'";
            }
        }
        if (allowed != null && !JsonTypes.containsJsonEqual(allowed, value)) {
            return JsonTypes.show(value) + " is not one of " + JsonTypes.showList(allowed);
        }
        if (value instanceof List<?> list && items != null) {
            for (Object item : list) {
                String problem = items.violation(item);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    /** This definition as a JSON-schema fragment. */
    public Map<String, Object> toSchema() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", types.size() == 1 ? types.get(0) : types);
        if (readOnly) {
            s.put("readOnly", true);
        }
        if (description != null) {
            s.put("description", description);
        }
        if (maxLength != null) {
            s.put("maxLength", maxLength);
        }
        if (allowed != null) {
            s.put("enum", allowed);
        }
        if (pattern != null) {
            s.put("pattern", pattern);
        }
        if (items != null) {
            s.put("items", items.toSchema());
        }
        s.putAll(extraSchema);
        if (!base) {
            s.put("is_base", false);
        }
        return s;
    }
}
