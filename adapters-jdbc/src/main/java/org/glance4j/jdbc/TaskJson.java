package org.glance4j.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** The JSON text of a task's input and result columns; whole numbers come back as {@link Long}. */
final class TaskJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private TaskJson() {}

    static String write(Map<String, Object> value) {
        if (value == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a task value is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    static Map<String, Object> read(String text) {
        if (text == null) {
            return null;
        }
        try {
            return MAPPER.readValue(text, OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored task holds malformed JSON: " + e.getOriginalMessage(), e);
        }
    }
}
