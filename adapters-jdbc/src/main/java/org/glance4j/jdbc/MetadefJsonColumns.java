package org.glance4j.jdbc;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON text of metadef definitions: JDK maps in, JDK maps (keys in their order) out. */
final class MetadefJsonColumns {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    private MetadefJsonColumns() {
    }

    static String write(Map<String, Object> value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a metadef definition that is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    static Map<String, Object> read(String text) {
        try {
            return MAPPER.readValue(text, OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored metadef definition is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
