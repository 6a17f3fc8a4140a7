package org.glance4j.bootstrap.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain HTTP calls to a server of the test, and the parsing of a Prometheus scrape. */
final class ServerUnderTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final Pattern SERIES = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private ServerUnderTest() {}

    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<byte[]> sendBytes(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpRequest.Builder get(URI uri) {
        return HttpRequest.newBuilder(uri).GET();
    }

    /** One scrape of {@code /metrics}, checked for status and content type. */
    static Scrape scrape(int metricsPort) throws IOException, InterruptedException {
        HttpResponse<String> response = send(get(URI.create("http://127.0.0.1:" + metricsPort + "/metrics")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        return new Scrape(response.body());
    }

    /** The series of a scrape: name, labels and value. */
    record Scrape(String text) {

        /** The sum of the values of every series of this name that has all these labels (0 when none has). */
        double sum(String name, String... labels) {
            double sum = 0;
            for (String line : text.split("\n")) {
                Matcher series = SERIES.matcher(line);
                if (line.startsWith("#")
                        || !series.matches()
                        || !series.group(1).equals(name)) {
                    continue;
                }
                Map<String, String> found = new LinkedHashMap<>();
                if (series.group(3) != null) {
                    Matcher label = LABEL.matcher(series.group(3));
                    while (label.find()) {
                        found.put(label.group(1), label.group(2));
                    }
                }
                boolean all = true;
                for (int i = 0; i < labels.length; i += 2) {
                    all &= labels[i + 1].equals(found.get(labels[i]));
                }
                if (all) {
                    sum += Double.parseDouble(series.group(4));
                }
            }
            return sum;
        }

        /** Whether any series of this name is present. */
        boolean has(String name) {
            return text.lines().anyMatch(line -> line.startsWith(name + "{") || line.startsWith(name + " "));
        }
    }
}
