package org.glance4j.core.data;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glance4j.core.text.StorableText;
import org.glance4j.ports.error.GlanceException;

/**
 * One location object of a {@code PATCH} on {@code /locations}, checked against the {@code locations} items of
 * Glance's image schema: {@code url} (a string of at most 255 characters) and {@code metadata} (an object) are
 * required; {@code validation_data} may carry {@code checksum} (32 characters), {@code os_hash_algo} (at most 64)
 * and {@code os_hash_value} (at most 128), the last two together, and nothing else. Metadata values are kept as
 * text: strings as they are, numbers and booleans in their JSON spelling; nested objects and arrays are refused.
 * Every string obeys {@link StorableText} (no NUL or unpaired surrogate; no control character in a key).
 */
record LocationValue(String url, Map<String, String> metadata, Map<String, String> validationData) {

    private static final Set<String> VALIDATION_KEYS = Set.of("checksum", "os_hash_algo", "os_hash_value");

    static List<LocationValue> listOf(Object value) {
        if (!(value instanceof List<?> list)) {
            throw schema("Invalid locations: the value must be an array of location objects");
        }
        return list.stream().map(LocationValue::of).toList();
    }

    static LocationValue of(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw schema("a location must be an object with 'url' and 'metadata'");
        }
        StorableText.requireInJson("Location", map, Set.of());
        if (!map.containsKey("url")) {
            throw schema("'url' is a required property");
        }
        if (!map.containsKey("metadata")) {
            throw schema("'metadata' is a required property");
        }
        if (!(map.get("url") instanceof String url)) {
            throw schema("'url' must be a string");
        }
        if (url.length() > 255) {
            throw schema("'url' is too long (at most 255 characters)");
        }
        if (!(map.get("metadata") instanceof Map<?, ?> meta)) {
            throw schema("'metadata' must be an object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        meta.forEach((k, v) -> metadata.put((String) k, text((String) k, v)));
        Map<String, String> validation = new LinkedHashMap<>();
        if (map.containsKey("validation_data")) {
            if (!(map.get("validation_data") instanceof Map<?, ?> data)) {
                throw schema("'validation_data' must be an object");
            }
            data.forEach((k, v) -> {
                if (!VALIDATION_KEYS.contains(k)) {
                    throw schema("Additional properties are not allowed ('" + k + "' was unexpected) in "
                            + "'validation_data'");
                }
                if (!(v instanceof String s)) {
                    throw schema("'" + k + "' of 'validation_data' must be a string");
                }
                validation.put((String) k, s);
            });
            if (!validation.containsKey("os_hash_algo")) {
                throw schema("'os_hash_algo' is a required property of 'validation_data'");
            }
            if (!validation.containsKey("os_hash_value")) {
                throw schema("'os_hash_value' is a required property of 'validation_data'");
            }
            String checksum = validation.get("checksum");
            if (checksum != null && checksum.length() != 32) {
                throw schema("'checksum' of 'validation_data' must have 32 characters");
            }
            if (validation.get("os_hash_algo").length() > 64
                    || validation.get("os_hash_value").length() > 128) {
                throw schema("'os_hash_algo' (at most 64 characters) or 'os_hash_value' (at most 128) is too long");
            }
        }
        return new LocationValue(url, metadata, validation);
    }

    private static String text(String key, Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean
                || value instanceof Integer
                || value instanceof Long
                || value instanceof BigInteger
                || value instanceof Double
                || value instanceof BigDecimal) {
            return String.valueOf(value);
        }
        throw schema("the metadata value of '" + key + "' must be a string, a number or a boolean");
    }

    private static GlanceException schema(String why) {
        return GlanceException.invalid("Provided object does not match schema 'image': " + why);
    }
}
