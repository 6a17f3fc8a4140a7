package org.glance4j.core.policy;

import java.util.Map;

/**
 * Renders the {@code %(name)s} placeholders of a check's match against the target, as Python's {@code %}
 * operator does for oslo.policy. A placeholder naming a key the target lacks makes the whole check fail
 * ({@code null}); a key present with a null value renders as {@code None}, as in Python.
 */
final class TargetInterpolation {

    private TargetInterpolation() {}

    static String render(String match, Map<String, Object> target) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < match.length()) {
            int start = match.indexOf("%(", i);
            if (start < 0) {
                out.append(match, i, match.length());
                break;
            }
            int end = match.indexOf(")s", start);
            if (end < 0) {
                out.append(match, i, match.length());
                break;
            }
            out.append(match, i, start);
            String key = match.substring(start + 2, end);
            if (!target.containsKey(key)) {
                return null;
            }
            out.append(Literals.pythonString(target.get(key)));
            i = end + 2;
        }
        return out.toString();
    }
}
