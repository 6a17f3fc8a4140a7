package org.glance4j.bootstrap.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a list option the ways oslo.config writes one: a plain comma list ({@code a, b, c}) or the bracketed form
 * of options declared with bounds ({@code [a,b,c]}, as in Glance's sample {@code enabled_import_methods}), the whole
 * value with blanks around it and trailing commas dropped, each item stripped of blanks and of one pair of matching
 * quotes ({@code ["a", 'b']}); a quoted item may hold commas. Both forms are read for every list option. Unlike
 * oslo.config, an empty item ({@code a,,b}) is refused: no option of glance4j has a use for one.
 */
final class ListValue {

    private ListValue() {}

    /**
     * The items of {@code text}; the empty list for an empty value or {@code []}.
     *
     * @throws IllegalArgumentException saying what is wrong, in words that follow the option and its value
     */
    static List<String> parse(String text) {
        String body = stripTrailingCommas(text.strip());
        if (body.startsWith("[")) {
            if (!body.endsWith("]")) {
                throw new IllegalArgumentException("it starts with '[' but does not end with ']'");
            }
            body = stripTrailingCommas(body.substring(1, body.length() - 1).strip());
        } else if (body.endsWith("]")) {
            throw new IllegalArgumentException("it ends with ']' but does not start with '['");
        }
        if (body.isEmpty()) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        String[] parts = body.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String item = parts[i].strip();
            if (item.isEmpty()) {
                throw new IllegalArgumentException("it has an empty entry; write a comma-separated list");
            }
            char first = item.charAt(0);
            if (first == '"' || first == '\'') {
                while (item.length() < 2 || item.charAt(item.length() - 1) != first) {
                    if (i + 1 == parts.length) {
                        throw new IllegalArgumentException("the quote before " + item + " is not closed");
                    }
                    item = item + "," + parts[++i].stripTrailing();
                }
                item = item.substring(1, item.length() - 1);
            }
            items.add(item);
        }
        return items;
    }

    private static String stripTrailingCommas(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == ',') {
            end--;
        }
        return text.substring(0, end).strip();
    }
}
