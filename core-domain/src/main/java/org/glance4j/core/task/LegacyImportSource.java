package org.glance4j.core.task;

import org.glance4j.core.schema.JsonTypes;
import org.glance4j.ports.error.GlanceException;

/**
 * The {@code import_from} of a legacy {@code import} task, checked as Glance checks it when the task is created:
 * present, {@code http://} or {@code https://} (file URIs are refused by name), and then allowed by the
 * web-download filtering ({@code [import_filtering_opts]}).
 */
public final class LegacyImportSource {

    /** Why the web-download filtering refuses a URI: the reason for the client, or null when it passes. */
    @FunctionalInterface
    public interface Filter {
        String refusal(String uri);
    }

    private LegacyImportSource() {}

    /**
     * The URI to import from.
     *
     * @throws GlanceException {@code INVALID} with Glance's message when the URI may not be used
     */
    public static String check(Object importFrom, Filter filter) {
        if (importFrom == null || (importFrom instanceof String s && s.isEmpty())) {
            throw GlanceException.invalid("Invalid location: " + (importFrom == null ? "None" : ""));
        }
        if (!(importFrom instanceof String uri)) {
            throw GlanceException.invalid("Invalid location: " + JsonTypes.show(importFrom));
        }
        if (uri.startsWith("file:///") || uri.startsWith("filesystem:///")) {
            throw GlanceException.invalid(
                    "File based imports are not allowed. Please use a non-local source of " + "image data.");
        }
        if (!uri.startsWith("http://") && !uri.startsWith("https://")) {
            throw GlanceException.invalid("The given uri is not valid. Please specify a valid uri from the "
                    + "following list of supported uri ['http']");
        }
        String refusal = filter.refusal(uri);
        if (refusal != null) {
            throw GlanceException.invalid(
                    "URI for legacy import task does not pass filtering: " + uri + " (" + refusal + ")");
        }
        return uri;
    }
}
