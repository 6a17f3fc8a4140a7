package org.glance4j.jdbc.glance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** The JSON text columns of a Glance database (task input and result, metadef schemas) as plain JDK values. */
final class GlanceJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private GlanceJson() {}

    /**
     * A JSON object column; null (or blank, or JSON {@code null}) gives null.
     *
     * @throws IllegalStateException naming {@code what} when the text is not a JSON object
     */
    static Map<String, Object> object(String text, String what) {
        if (text == null || text.isBlank() || text.strip().equals("null")) {
            return null;
        }
        try {
            return JSON.readValue(text, OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(what + " is not a JSON object: " + e.getOriginalMessage());
        }
    }
}
