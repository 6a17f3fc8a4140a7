package org.glance4j.core.policy;

/** Python-flavoured literals of the policy language: how values print, and which check kinds are literals. */
final class Literals {

    private Literals() {}

    /** How Python's {@code str()} would print a value. */
    static String pythonString(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return value.toString();
    }

    /**
     * The string value of a literal check kind ({@code 'text'}, {@code "text"}, an integer, {@code True},
     * {@code False}, {@code None}), or {@code null} when the kind names a credential.
     */
    static String valueOf(String kind) {
        if (kind.length() >= 2
                && ((kind.startsWith("'") && kind.endsWith("'")) || (kind.startsWith("\"") && kind.endsWith("\"")))) {
            return kind.substring(1, kind.length() - 1);
        }
        if (kind.equals("True") || kind.equals("False") || kind.equals("None")) {
            return kind;
        }
        if (kind.matches("-?[0-9]+")) {
            return String.valueOf(Long.parseLong(kind));
        }
        return null;
    }
}
