package org.glance4j.http;

import java.util.Locale;

/**
 * Which representation an error body takes, chosen from {@code Accept} the way webob does for Glance: the offers
 * are {@code text/html} then {@code application/json}; the acceptable one with the higher quality wins (HTML on a
 * tie, so {@code *}{@code /*} and a missing header give HTML); when neither is acceptable the body is plain text.
 */
enum ErrorMediaType {
    HTML("text/html; charset=UTF-8"),
    JSON("application/json"),
    PLAIN("text/plain; charset=UTF-8");

    private final String contentType;

    ErrorMediaType(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    static ErrorMediaType negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return HTML;
        }
        double html = quality(accept, "text", "html");
        double json = quality(accept, "application", "json");
        if (html <= 0 && json <= 0) {
            return PLAIN;
        }
        return json > html ? JSON : HTML;
    }

    /** The quality the header gives an offer: that of the most specific matching range, 0 when none matches. */
    private static double quality(String accept, String type, String subtype) {
        int bestSpecificity = -1;
        double bestQuality = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String mediaRange = parts[0].trim().toLowerCase(Locale.ROOT);
            int slash = mediaRange.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String t = mediaRange.substring(0, slash).trim();
            String s = mediaRange.substring(slash + 1).trim();
            int specificity;
            if (t.equals(type) && s.equals(subtype)) {
                specificity = 2;
            } else if (t.equals(type) && s.equals("*")) {
                specificity = 1;
            } else if (t.equals("*") && s.equals("*")) {
                specificity = 0;
            } else {
                continue;
            }
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                bestQuality = qualityParameter(parts);
            }
        }
        return bestQuality;
    }

    private static double qualityParameter(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                try {
                    double q = Double.parseDouble(p.substring(2).trim());
                    return q < 0 || q > 1 || Double.isNaN(q) ? 0 : q;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
