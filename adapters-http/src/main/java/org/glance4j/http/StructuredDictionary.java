package org.glance4j.http;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A reader of RFC 8941 structured-field dictionaries, as far as the digest fields of RFC 9530
 * ({@code Repr-Digest}, {@code Want-Repr-Digest}) need: each member's value is kept as a {@code byte[]} (a byte
 * sequence), a {@code Long} (an integer) or {@link #OTHER} (any other item, an inner list, or a bare key); its
 * parameters are checked and dropped. A later member of the same key replaces an earlier one, as the RFC says.
 */
final class StructuredDictionary {

    /** The value of a member that is neither a byte sequence nor an integer. */
    static final Object OTHER = new Object();

    private final String text;
    private int pos;

    private StructuredDictionary(String text) {
        this.text = text;
    }

    /**
     * The members of {@code text} in order.
     *
     * @throws IllegalArgumentException saying what is wrong where, when the text is not a dictionary
     */
    static Map<String, Object> parse(String text) {
        return new StructuredDictionary(text).dictionary();
    }

    private Map<String, Object> dictionary() {
        Map<String, Object> members = new LinkedHashMap<>();
        skipSpaces();
        while (pos < text.length()) {
            String key = key();
            Object value;
            if (peek() == '=') {
                pos++;
                value = peek() == '(' ? innerList() : item();
            } else {
                parameters();
                value = OTHER;
            }
            members.remove(key);
            members.put(key, value);
            skipWhitespace();
            if (pos == text.length()) {
                return members;
            }
            expect(',');
            skipWhitespace();
            if (pos == text.length()) {
                throw error("a comma ends the dictionary");
            }
        }
        return members;
    }

    private String key() {
        int start = pos;
        char first = peek();
        if (!(first >= 'a' && first <= 'z') && first != '*') {
            throw error("a key must begin with a lower-case letter or '*'");
        }
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' || c == '*') {
                pos++;
            } else {
                break;
            }
        }
        return text.substring(start, pos);
    }

    private Object innerList() {
        expect('(');
        while (true) {
            skipSpaces();
            if (peek() == ')') {
                pos++;
                parameters();
                return OTHER;
            }
            item();
            char next = peek();
            if (next != ' ' && next != ')') {
                throw error("an inner list item must be followed by a space or ')'");
            }
        }
    }

    private Object item() {
        Object value = bareItem();
        parameters();
        return value;
    }

    private void parameters() {
        while (peek() == ';') {
            pos++;
            skipSpaces();
            key();
            if (peek() == '=') {
                pos++;
                bareItem();
            }
        }
    }

    private Object bareItem() {
        char c = peek();
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
        }
        if (c == '"') {
            string();
            return OTHER;
        }
        if (c == ':') {
            return byteSequence();
        }
        if (c == '*' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            token();
            return OTHER;
        }
        if (c == '?') {
            pos++;
            char b = peek();
            if (b != '0' && b != '1') {
                throw error("a boolean must be ?0 or ?1");
            }
            pos++;
            return OTHER;
        }
        throw error("no value can begin with '" + (c == 0 ? "end of text" : String.valueOf(c)) + "'");
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        boolean decimal = false;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            decimal |= text.charAt(pos) == '.';
            pos++;
        }
        String number = text.substring(start, pos);
        if (number.equals("-") || number.endsWith(".") || number.length() > 16) {
            throw error("'" + number + "' is not a number");
        }
        if (decimal) {
            return OTHER;
        }
        return Long.parseLong(number);
    }

    private void string() {
        expect('"');
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\\') {
                char escaped = peek();
                if (escaped != '"' && escaped != '\\') {
                    throw error("only '\"' and '\\' may be escaped in a string");
                }
                pos++;
            } else if (c == '"') {
                return;
            } else if (c < 0x20 || c > 0x7e) {
                throw error("a string holds printable ASCII only");
            }
        }
        throw error("a string is not closed");
    }

    private byte[] byteSequence() {
        expect(':');
        int end = text.indexOf(':', pos);
        if (end < 0) {
            throw error("a byte sequence is not closed with ':'");
        }
        String base64 = text.substring(pos, end);
        pos = end + 1;
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw error("the byte sequence is not base64");
        }
    }

    private void token() {
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isLetterOrDigit(c) && c < 0x80 || "!#$%&'*+-.^_`|~:/".indexOf(c) >= 0) {
                pos++;
            } else {
                return;
            }
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("'" + c + "' expected");
        }
        pos++;
    }

    private void skipSpaces() {
        while (peek() == ' ') {
            pos++;
        }
    }

    private void skipWhitespace() {
        while (peek() == ' ' || peek() == '\t') {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at character " + (pos + 1));
    }
}
