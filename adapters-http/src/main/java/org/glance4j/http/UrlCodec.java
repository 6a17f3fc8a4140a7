package org.glance4j.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.error.GlanceException;

/**
 * Percent-decoding of paths and query strings, and query encoding the way Python's {@code urlencode} does it
 * (which is how Glance builds its {@code first} and {@code next} links).
 */
final class UrlCodec {
    static final String UNDECODABLE = "Error decoding your request. Either the URL or the request body contained "
            + "characters that could not be decoded by Glance";

    static final String NUL_IN_URL = "The URL contains a NUL character (%00), which is not allowed.";

    private UrlCodec() {}

    /** Splits a raw path such as {@code /images/x/tags/a%20b} into decoded segments; a leading '/' is skipped. */
    static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>(4);
        int start = rawPath.startsWith("/") ? 1 : 0;
        if (start >= rawPath.length()) {
            return out;
        }
        while (true) {
            int slash = rawPath.indexOf('/', start);
            String raw = slash < 0 ? rawPath.substring(start) : rawPath.substring(start, slash);
            out.add(decodeStrict(raw, false));
            if (slash < 0) {
                return out;
            }
            start = slash + 1;
        }
    }

    /**
     * Decodes a path segment or query item; bytes that are not UTF-8 (overlong forms and encoded surrogates
     * included) are refused with 400 as Glance refuses them, and so is an encoded NUL ({@code %00}), which no
     * name, id or filter may hold and which some databases cannot even compare.
     */
    static String decodeStrict(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && (!plusIsSpace || raw.indexOf('+') < 0)) {
            return raw;
        }
        byte[] bytes = percentDecode(raw, plusIsSpace);
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw GlanceException.invalid(UNDECODABLE);
        }
        if (decoded.indexOf('\0') >= 0) {
            throw GlanceException.invalid(NUL_IN_URL);
        }
        return decoded;
    }

    /** Parses a raw query string keeping order, repeated names and blank values. */
    static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("[&;]")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decodeStrict(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : decodeStrict(pair.substring(eq + 1), true);
            params.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        }
        return params;
    }

    /** Encodes parameters like Python's {@code urlencode}: {@code quote_plus} on names and values. */
    static String encodeQuery(Map<String, List<String>> params) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            for (String v : e.getValue()) {
                if (b.length() > 0) {
                    b.append('&');
                }
                quotePlus(b, e.getKey());
                b.append('=');
                quotePlus(b, v);
            }
        }
        return b.toString();
    }

    private static void quotePlus(StringBuilder b, String s) {
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '_'
                    || c == '.'
                    || c == '-'
                    || c == '~') {
                b.append((char) c);
            } else if (c == ' ') {
                b.append('+');
            } else {
                b.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
    }

    private static byte[] percentDecode(String raw, boolean plusIsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        byte[] in = raw.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            byte c = in[i];
            if (c == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out.write(hex(in[i + 1]) << 4 | hex(in[i + 2]));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static int hex(byte c) {
        return Character.digit((char) c, 16);
    }
}
