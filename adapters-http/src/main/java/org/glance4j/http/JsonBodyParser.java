package org.glance4j.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.error.GlanceException;

/**
 * Turns a request body into plain JDK objects with the shared mapper, refusing what Glance refuses, and text that
 * is not Unicode: bytes that are not UTF-8 (overlong forms such as {@code C0 80}, encoded surrogates) and
 * {@code \\u} escapes that leave a surrogate unpaired. Refusals name the problem in the API's words, never the
 * parser's.
 */
final class JsonBodyParser {
    static final String BODY_EXPECTED = "Body expected in request.";
    static final String MALFORMED = "Malformed JSON in request body.";
    static final String UNEXPECTED_TYPE = "Unexpected body type. Expected list/dict.";
    static final String UNPAIRED_SURROGATE = MALFORMED + " A string in it holds an unpaired surrogate escape"
            + " (\\ud800 to \\udfff without its partner), which is not a character.";
    static final String TOO_BIG = tooBigMessage(StreamReadConstraints.defaults());

    private JsonBodyParser() {}

    /** A JSON object or array; an empty body, malformed JSON or a bare scalar is 400. */
    static Object parse(ApiRequest request) throws IOException {
        if (!request.hasBody()) {
            throw GlanceException.invalid(BODY_EXPECTED);
        }
        byte[] body = request.readBody();
        if (body.length == 0) {
            throw GlanceException.invalid(BODY_EXPECTED);
        }
        if (looksUtf8(body) && !isStrictUtf8(body)) {
            throw GlanceException.invalid(MALFORMED);
        }
        Object value;
        try {
            value = Json.MAPPER.readValue(body, Object.class);
        } catch (StreamConstraintsException e) {
            throw GlanceException.invalid(TOO_BIG);
        } catch (JsonProcessingException e) {
            throw GlanceException.invalid(MALFORMED);
        }
        if (!(value instanceof Map) && !(value instanceof List)) {
            throw GlanceException.invalid(UNEXPECTED_TYPE);
        }
        if (hasUnpairedSurrogate(value)) {
            throw GlanceException.invalid(UNPAIRED_SURROGATE);
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

    private static String tooBigMessage(StreamReadConstraints limits) {
        return MALFORMED + " It passes a limit of the server: numbers of at most " + limits.getMaxNumberLength()
                + " digits, strings of at most " + limits.getMaxStringLength() + " characters, at most "
                + limits.getMaxNestingDepth() + " levels of nesting.";
    }

    /**
     * Whether the body is meant as UTF-8: JSON text in UTF-16 or UTF-32 (which JSON parsers detect, as Python's
     * {@code json.loads} does) has a zero byte among its first two bytes or starts with a byte order mark.
     */
    private static boolean looksUtf8(byte[] body) {
        if (body.length >= 2
                && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF)
                        || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE))) {
            return false;
        }
        return !(body[0] == 0 || (body.length >= 2 && body[1] == 0));
    }

    /** Decodes in small steps, so that an 8 MiB body costs no second copy. */
    private static boolean isStrictUtf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(4096);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return false;
            }
            if (result.isUnderflow()) {
                break;
            }
            out.clear();
        }
        out.clear();
        return !decoder.flush(out).isError();
    }

    private static boolean hasUnpairedSurrogate(Object value) {
        if (value instanceof String s) {
            return hasUnpairedSurrogate(s);
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (hasUnpairedSurrogate(e.getKey()) || hasUnpairedSurrogate(e.getValue())) {
                    return true;
                }
            }
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                if (hasUnpairedSurrogate(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
