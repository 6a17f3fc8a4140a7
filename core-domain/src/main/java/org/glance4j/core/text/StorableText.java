package org.glance4j.core.text;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.glance4j.ports.error.GlanceException;

/**
 * Which characters a client's text may hold before it is stored, the same rule whatever the database.
 *
 * <ul>
 *   <li>Every stored string: no NUL (U+0000) and no unpaired UTF-16 surrogate. PostgreSQL cannot store NUL in
 *       text, and SQLite stores it but cuts the value at it when it reads it back, so that {@code "x\u0000"}
 *       would come back as {@code "x"} and stand in for another key; an unpaired surrogate is not a character and
 *       has no UTF-8 form.</li>
 *   <li>Identifier-like strings (names, tags, property keys, member ids, owners, metadef names): no control
 *       character at all (Unicode category Cc: U+0000 to U+001F and U+007F to U+009F). They name things and are
 *       compared and shown; a tab or newline in them only hides one name behind another.</li>
 *   <li>Free text (property values, descriptions, task input): tab, newline and the other controls are kept,
 *       since a value may legitimately hold several lines.</li>
 * </ul>
 * Refusals are {@code INVALID} naming what holds the character and the character's code point.
 */
public final class StorableText {

    private StorableText() {}

    /**
     * Refuses an identifier-like string ({@code null} passes) holding a control character or an unpaired
     * surrogate.
     *
     * @param what how the API calls the value, e.g. {@code "Property name"}, starting with a capital
     * @throws GlanceException {@code INVALID}
     */
    public static void requireIdentifier(String what, String value) {
        check(what, value, true);
    }

    /**
     * Refuses free text ({@code null} passes) holding NUL or an unpaired surrogate; other controls are allowed.
     *
     * @throws GlanceException {@code INVALID}
     */
    public static void requireText(String what, String value) {
        check(what, value, false);
    }

    /**
     * Walks a JSON value made of maps, lists and scalars: every map key is an identifier, a string under a key
     * named in {@code identifierKeys} is an identifier, every other string is free text.
     *
     * @throws GlanceException {@code INVALID} for the first string that breaks its rule
     */
    public static void requireInJson(String what, Object json, java.util.Set<String> identifierKeys) {
        if (json instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                requireIdentifier(what + " key", key);
                if (e.getValue() instanceof String s && identifierKeys.contains(key)) {
                    requireIdentifier(what + " '" + key + "'", s);
                } else {
                    requireInJson(what, e.getValue(), identifierKeys);
                }
            }
        } else if (json instanceof List<?> list) {
            for (Object item : list) {
                requireInJson(what, item, identifierKeys);
            }
        } else if (json instanceof String s) {
            requireText(what, s);
        }
    }

    private static void check(String what, String value, boolean identifier) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw GlanceException.invalid(
                        what + " contains an unpaired surrogate (" + codePoint(c) + "), which is not a character.");
            } else if (c == 0) {
                throw GlanceException.invalid(what + " must not contain the NUL character (U+0000).");
            } else if (identifier && Character.isISOControl(c)) {
                throw GlanceException.invalid(
                        what + " must not contain control characters (found " + codePoint(c) + ").");
            }
        }
    }

    private static String codePoint(char c) {
        return String.format(Locale.ROOT, "U+%04X", (int) c);
    }
}
