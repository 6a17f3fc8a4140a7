package org.glance4j.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.RequestContext;

/**
 * {@code /healthcheck}, answered as oslo.middleware's healthcheck answers it in Glance's pipeline (before any
 * authentication): 200 {@code OK}, or 503 {@code DISABLED BY FILE} while the disable file exists; HEAD gives 204 or
 * 503 without a body; the body is text unless {@code Accept} prefers {@code application/json} or {@code text/html}.
 * The simple form only looks for the disable file, so it is cheap enough for a load balancer to call often.
 *
 * <p>{@code ?detailed=true} (glance4j's own form) also checks the database and every image store, is for
 * administrators only (the caller is identified like any API call), and answers JSON.
 */
final class HealthcheckResource {
    static final String DISABLED = "DISABLED BY FILE";
    private static final String OK = "OK";
    private static final List<String> OFFERS = List.of("text/plain", "text/html", "application/json");

    private final HealthSettings settings;
    private final Identity identity;

    HealthcheckResource(HealthSettings settings, Identity identity) {
        this.settings = settings;
        this.identity = identity;
    }

    /** Whether the request asks for the detailed form, which must be served on a worker thread. */
    static boolean wantsDetails(HttpServerExchange exchange) {
        Deque<String> values = exchange.getQueryParameters().get("detailed");
        if (values == null || values.isEmpty()) {
            return false;
        }
        String value = values.getFirst().toLowerCase(Locale.ROOT);
        return !value.equals("false") && !value.equals("0") && !value.equals("no");
    }

    /** The simple form; looks at one file, so it may run on the I/O thread. */
    void simple(HttpServerExchange exchange) {
        boolean disabled = disabled();
        String reason = disabled ? DISABLED : OK;
        int status = disabled ? 503 : 200;
        if (exchange.getRequestMethod().toString().equals("HEAD")) {
            send(exchange, disabled ? 503 : 204, "text/plain; charset=UTF-8", "");
            return;
        }
        switch (preferred(exchange.getRequestHeaders().getFirst(Headers.ACCEPT))) {
            case "application/json" ->
                send(
                        exchange,
                        status,
                        "application/json",
                        "{\n    \"detailed\": false,\n    \"reasons\": [\n        \"" + reason + "\"\n    ]\n}");
            case "text/html" ->
                send(
                        exchange,
                        status,
                        "text/html; charset=UTF-8",
                        "<HTML>\n<HEAD><TITLE>Healthcheck Status</TITLE></HEAD>\n<BODY>\n<H2>Result of 1 checks:</H2>\n"
                                + "<TABLE border=\"1\">\n<TR><TH>Reason</TH></TR>\n<TR><TD>" + reason
                                + "</TD></TR>\n</TABLE>\n</BODY>\n</HTML>");
            default -> send(exchange, status, "text/plain; charset=UTF-8", reason);
        }
    }

    /**
     * The detailed form, on a worker thread: identifies the caller, refuses anyone but an administrator, then runs
     * every probe.
     */
    void detailed(HttpServerExchange exchange, String requestId) throws IOException {
        RequestContext context = identity.context(exchange, requestId);
        exchange.putAttachment(ApiHandler.PROJECT_ID, context.projectId());
        if (!context.hasRole("admin")) {
            throw GlanceException.forbidden("The detailed healthcheck is for administrators only.");
        }
        List<Reason> reasons = new ArrayList<>();
        boolean disabled = disabled();
        reasons.add(new Reason(
                disabled ? DISABLED : OK,
                "DisableByFileHealthcheck",
                settings.disableByFile()
                        .map(path -> "Path '" + path + "' was " + (disabled ? "found" : "not found"))
                        .orElse("No disable_by_file_path is configured")));
        boolean healthy = !disabled;
        for (HealthProbe probe : settings.probes()) {
            try {
                String detail = probe.check();
                reasons.add(new Reason(OK, probe.name(), detail == null ? "" : detail));
            } catch (Exception e) {
                healthy = false;
                reasons.add(new Reason("UNAVAILABLE", probe.name(), String.valueOf(e.getMessage())));
            }
        }
        int status = healthy ? 200 : 503;
        Responses.json(exchange, status, g -> {
            g.writeStartObject();
            g.writeBooleanField("detailed", true);
            g.writeStringField("now", Instant.now().toString());
            g.writeStringField(
                    "platform",
                    System.getProperty("os.name") + "-" + System.getProperty("os.version") + "-"
                            + System.getProperty("os.arch"));
            g.writeStringField("java_version", Runtime.version().toString());
            g.writeArrayFieldStart("reasons");
            for (Reason reason : reasons) {
                g.writeStartObject();
                g.writeStringField("reason", reason.reason());
                g.writeStringField("class", reason.className());
                g.writeStringField("details", reason.details());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private boolean disabled() {
        return settings.disableByFile().map(Files::exists).orElse(false);
    }

    private static void send(HttpServerExchange exchange, int status, String contentType, String body) {
        Responses.send(exchange, status, contentType, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The offer the {@code Accept} header prefers: highest quality first, then oslo's order (text, HTML, JSON);
     * text when nothing offered is acceptable or the header is absent.
     */
    static String preferred(String accept) {
        if (accept == null || accept.isBlank()) {
            return OFFERS.get(0);
        }
        String best = null;
        double bestQuality = 0;
        for (String offer : OFFERS) {
            double quality = quality(accept, offer);
            if (quality > bestQuality) {
                best = offer;
                bestQuality = quality;
            }
        }
        return best == null ? OFFERS.get(0) : best;
    }

    private static double quality(String accept, String offer) {
        double found = 0;
        int specificity = -1;
        for (String part : accept.split(",")) {
            String[] pieces = part.split(";");
            String range = pieces[0].strip().toLowerCase(Locale.ROOT);
            int rank = range.equals(offer)
                    ? 2
                    : range.equals(offer.substring(0, offer.indexOf('/')) + "/*") ? 1 : range.equals("*/*") ? 0 : -1;
            if (rank <= specificity) {
                continue;
            }
            double q = 1;
            for (int i = 1; i < pieces.length; i++) {
                String parameter = pieces[i].strip();
                if (parameter.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(parameter.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            specificity = rank;
            found = q;
        }
        return found;
    }

    private record Reason(String reason, String className, String details) {}
}
