package org.glance4j.http;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The body of an error answer in the three shapes webob gives Glance's errors: a small HTML page, a JSON object
 * {@code {"message", "code", "title"}} (the message without webob's HTML residue), or plain text.
 */
final class ErrorBody {
    private ErrorBody() {}

    static byte[] render(ErrorMediaType type, HttpStatus status, String message) {
        String text = message == null ? "" : message;
        return switch (type) {
            case JSON -> json(status, text);
            case PLAIN -> (status.line() + "\n\n" + text + "\n\n").getBytes(StandardCharsets.UTF_8);
            case HTML -> html(status, text);
        };
    }

    private static byte[] json(HttpStatus status, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + message.length());
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("message", message);
            g.writeStringField("code", status.line());
            g.writeStringField("title", status.title());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] html(HttpStatus status, String message) {
        String line = escape(status.line());
        String page = "<html>\n <head>\n  <title>" + line + "</title>\n </head>\n <body>\n  <h1>" + line + "</h1>\n  "
                + escape(message) + "<br /><br />\n\n\n\n </body>\n</html>";
        return page.getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&#34;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
