package org.glance4j.core.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The JSON type of a JDK value as the ports carry JSON, and short renderings of values for messages. */
public final class JsonTypes {

    private static final int SHOWN_CHARACTERS = 80;

    private JsonTypes() {}

    /** {@code null}, {@code string}, {@code boolean}, {@code integer}, {@code number}, {@code array}, {@code object}. */
    public static String typeOf(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Integer
                || value instanceof Long
                || value instanceof BigInteger
                || value instanceof Short
                || value instanceof Byte) {
            return "integer";
        }
        if (value instanceof Double d) {
            return !d.isInfinite() && !d.isNaN() && d == Math.rint(d) ? "integer" : "number";
        }
        if (value instanceof Float f) {
            return !f.isInfinite() && !f.isNaN() && f == Math.rint(f) ? "integer" : "number";
        }
        if (value instanceof BigDecimal b) {
            return b.stripTrailingZeros().scale() <= 0 ? "integer" : "number";
        }
        if (value instanceof List) {
            return "array";
        }
        if (value instanceof Map) {
            return "object";
        }
        return "unknown";
    }

    /** The value of an integral JSON number, or null when it is not one. */
    public static BigInteger integerValue(Object value) {
        if (!"integer".equals(typeOf(value))) {
            return null;
        }
        if (value instanceof BigInteger b) {
            return b;
        }
        if (value instanceof BigDecimal b) {
            return b.toBigIntegerExact();
        }
        if (value instanceof Double || value instanceof Float) {
            return new BigDecimal(((Number) value).doubleValue()).toBigIntegerExact();
        }
        return BigInteger.valueOf(((Number) value).longValue());
    }

    static boolean containsJsonEqual(List<Object> values, Object value) {
        for (Object v : values) {
            if (Objects.equals(v, value)) {
                return true;
            }
        }
        return false;
    }

    /** A short rendering of a value for an error message. */
    public static String show(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof String s) {
            String shown = s.length() > SHOWN_CHARACTERS ? s.substring(0, SHOWN_CHARACTERS) + "..." : s;
            return "'" + shown + "'";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        String text = String.valueOf(value);
        return text.length() > SHOWN_CHARACTERS ? text.substring(0, SHOWN_CHARACTERS) + "..." : text;
    }

    static String showList(List<Object> values) {
        return "[" + String.join(", ", values.stream().map(JsonTypes::show).toList()) + "]";
    }
}
