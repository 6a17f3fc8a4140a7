package org.glance4j.core.listing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glance4j.ports.error.GlanceException;

/**
 * The small grammar of Glance's filter values: an optional {@code op:} prefix (a bare ISO 8601 time containing
 * colons counts as a value, not as an operator), and the comma-separated, optionally double-quoted lists of
 * {@code in:}.
 */
public final class FilterExpressions {

    private static final Pattern LIST_ITEM = Pattern.compile("\"([^\"\\\\]*(?:\\\\.[^\"\\\\]*)*)\",?|([^,]+),?|,");

    private FilterExpressions() {}

    /** An operator and its operand. */
    public record OpValue(String op, String value) {}

    /** Splits {@code op:value}; without an operator (or for a bare ISO 8601 time) the operator is {@code eq}. */
    public static OpValue splitOperator(String expression) {
        int colon = expression.indexOf(':');
        if (colon < 0) {
            return new OpValue("eq", expression);
        }
        if (IsoTimes.parse(expression) != null) {
            return new OpValue("eq", expression);
        }
        return new OpValue(expression.substring(0, colon), expression.substring(colon + 1));
    }

    /**
     * The items of an {@code in:} list: separated by commas, an item may be double-quoted to contain commas.
     *
     * @throws GlanceException {@code INVALID} when the quotes are unbalanced or not next to commas
     */
    public static List<String> splitList(String value) {
        validateQuotes(value);
        List<String> items = new ArrayList<>();
        Matcher m = LIST_ITEM.matcher(value);
        while (m.find()) {
            if (m.group(1) != null) {
                items.add(m.group(1));
            } else if (m.group(2) != null) {
                items.add(m.group(2));
            } else {
                items.add("");
            }
        }
        return items;
    }

    private static void validateQuotes(String value) {
        boolean opening = true;
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) != '"') {
                continue;
            }
            if (i > 0 && value.charAt(i - 1) == '\\') {
                continue;
            }
            if (opening) {
                if (i > 0 && value.charAt(i - 1) != ',') {
                    throw GlanceException.invalid(
                            "Invalid filter value " + value + ". There is no comma before opening quotation mark.");
                }
            } else if (i + 1 != value.length() && value.charAt(i + 1) != ',') {
                throw GlanceException.invalid(
                        "Invalid filter value " + value + ". There is no comma after closing quotation mark.");
            }
            opening = !opening;
        }
        if (!opening) {
            throw GlanceException.invalid("Invalid filter value " + value + ". The quote is not closed.");
        }
    }
}
