package org.glance4j.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON text this adapter keeps in columns or binds as parameters, through Jackson: arrays of strings (tags,
 * locations, a page's ids, an object's required names), objects of strings or nulls (properties, location
 * metadata) and metadef definitions (any JSON object, as JDK values). Text is written compactly with keys in the
 * map's order; text that is not what the caller expects is a bug and fails loudly.
 */
final class JsonText {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter WRITER = MAPPER.writer();
    private static final ObjectReader STRING_ARRAY = MAPPER.readerFor(new TypeReference<ArrayList<String>>() {});
    private static final ObjectReader STRING_OBJECT =
            MAPPER.readerFor(new TypeReference<LinkedHashMap<String, String>>() {});
    private static final ObjectReader DEFINITION =
            MAPPER.readerFor(new TypeReference<LinkedHashMap<String, Object>>() {});

    private JsonText() {}

    static String stringArray(List<String> values) {
        return write(values, "a list of strings");
    }

    static String stringObject(Map<String, String> values) {
        return write(values, "a map of strings");
    }

    /** A metadef definition (a property's JSON schema, an object's properties) as text. */
    static String definition(Map<String, Object> value) {
        return write(value, "a metadef definition");
    }

    static List<String> parseStringArray(String json) {
        return read(STRING_ARRAY, json, "an array of strings");
    }

    static Map<String, String> parseStringObject(String json) {
        return read(STRING_OBJECT, json, "an object of strings");
    }

    /** A stored metadef definition, keys in their stored order. */
    static Map<String, Object> parseDefinition(String json) {
        return read(DEFINITION, json, "a metadef definition");
    }

    private static String write(Object value, String what) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " that is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(ObjectReader reader, String json, String what) {
        try {
            return reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "malformed JSON from the database, expected " + what + ": " + e.getOriginalMessage(), e);
        }
    }
}
