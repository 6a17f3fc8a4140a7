package org.glance4j.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for the aggregates SQLite hands back: an array of strings, an object of strings (or nulls), and
 * writing an array of strings. Anything else is a bug and fails loudly.
 */
final class JsonText {
    private final String text;
    private int at;

    private JsonText(String text) {
        this.text = text;
    }

    static String stringArray(List<String> values) {
        StringBuilder json = new StringBuilder(values.size() * 40).append('[');
        for (int k = 0; k < values.size(); k++) {
            if (k > 0) {
                json.append(',');
            }
            quote(values.get(k), json);
        }
        return json.append(']').toString();
    }

    static String stringObject(Map<String, String> values) {
        StringBuilder json = new StringBuilder(values.size() * 40).append('{');
        boolean first = true;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            quote(entry.getKey(), json);
            json.append(':');
            if (entry.getValue() == null) {
                json.append("null");
            } else {
                quote(entry.getValue(), json);
            }
        }
        return json.append('}').toString();
    }

    private static void quote(String value, StringBuilder json) {
        json.append('"');
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    static List<String> parseStringArray(String json) {
        JsonText parser = new JsonText(json);
        List<String> values = new ArrayList<>();
        parser.expect('[');
        if (!parser.consume(']')) {
            do {
                values.add(parser.string());
            } while (parser.consume(','));
            parser.expect(']');
        }
        return values;
    }

    static Map<String, String> parseStringObject(String json) {
        JsonText parser = new JsonText(json);
        Map<String, String> values = new LinkedHashMap<>();
        parser.expect('{');
        if (!parser.consume('}')) {
            do {
                String key = parser.string();
                parser.expect(':');
                values.put(key, parser.consumeNull() ? null : parser.string());
            } while (parser.consume(','));
            parser.expect('}');
        }
        return values;
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private boolean consume(char c) {
        skipSpace();
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private boolean consumeNull() {
        skipSpace();
        if (text.startsWith("null", at)) {
            at += 4;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw new IllegalStateException("malformed JSON from the database at " + at + ": expected " + c);
        }
    }

    private String string() {
        expect('"');
        StringBuilder value = new StringBuilder();
        while (true) {
            char c = text.charAt(at++);
            if (c == '"') {
                return value.toString();
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            char escaped = text.charAt(at++);
            switch (escaped) {
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> {
                    value.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    at += 4;
                }
                default -> value.append(escaped); // \" \\ \/
            }
        }
    }
}
