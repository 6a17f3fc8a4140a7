package org.glance4j.http;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.glance4j.ports.error.GlanceException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/** Turns a request body into plain JDK objects with the shared mapper, refusing what Glance refuses. */
final class JsonBodyParser {
    static final String BODY_EXPECTED = "Body expected in request.";
    static final String MALFORMED = "Malformed JSON in request body.";
    static final String UNEXPECTED_TYPE = "Unexpected body type. Expected list/dict.";

    private JsonBodyParser() {
    }

    /** A JSON object or array; an empty body, malformed JSON or a bare scalar is 400. */
    static Object parse(ApiRequest request) throws IOException {
        if (!request.hasBody()) {
            throw GlanceException.invalid(BODY_EXPECTED);
        }
        byte[] body = request.readBody();
        if (body.length == 0) {
            throw GlanceException.invalid(BODY_EXPECTED);
        }
        Object value;
        try {
            value = Json.MAPPER.readValue(body, Object.class);
        } catch (StreamConstraintsException e) {
            throw GlanceException.invalid(MALFORMED + " It exceeds a parser limit: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw GlanceException.invalid(MALFORMED);
        }
        if (!(value instanceof Map) && !(value instanceof List)) {
            throw GlanceException.invalid(UNEXPECTED_TYPE);
        }
        return value;
    }

    /** The body of a create call, which must be a JSON object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(ApiRequest request) throws IOException {
        Object value = parse(request);
        if (!(value instanceof Map)) {
            throw GlanceException.invalid("Request body must be a JSON object.");
        }
        return (Map<String, Object>) value;
    }
}
