package org.glance4j.core.metadef;

import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ListParameters;

/** The query parameter checks Glance applies to the object and tag lists. */
final class MetadefListChecks {

    private MetadefListChecks() {}

    static String sortDir(ListParameters parameters) {
        String dir = parameters.first("sort_dir");
        if (dir == null) {
            return "desc";
        }
        if (!dir.equals("asc") && !dir.equals("desc")) {
            throw GlanceException.invalid("Invalid sort direction: " + dir);
        }
        return dir;
    }

    static void visibility(ListParameters parameters) {
        String visibility = parameters.first("visibility");
        if (visibility != null
                && !visibility.isEmpty()
                && !visibility.equals("public")
                && !visibility.equals("private")
                && !visibility.equals("shared")) {
            throw GlanceException.invalid("Invalid visibility value: " + visibility);
        }
    }

    /** A limit of at least 1. */
    static int positiveLimit(String text) {
        int limit = integer(text);
        if (limit <= 0) {
            throw GlanceException.invalid("limit param must be positive");
        }
        return limit;
    }

    static int integer(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw GlanceException.invalid("limit param must be an integer");
        }
    }
}
