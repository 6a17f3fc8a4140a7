package org.glance4j.bootstrap.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxy configurations that docs/caching-proxies.md gives operators, read from the page itself (its fenced
 * {@code vcl} and {@code squid} blocks), so that what the tests run is what the page says. Only the addresses change:
 * the page's backend {@code 127.0.0.1:9292} becomes the server under test, Squid's port and cache directory
 * become the test's.
 */
final class ProxyConfigurations {
    static final Path PAGE = Path.of("..", "docs", "caching-proxies.md");
    private static final String PAGE_BACKEND_PORT = "9292";

    private ProxyConfigurations() {}

    /** The page's VCL with glance4j at {@code backend}. */
    static String varnish(URI backend) {
        String vcl = block("vcl");
        return replaceOnce(
                replaceOnce(vcl, ".port = \"" + PAGE_BACKEND_PORT + "\"", ".port = \"" + backend.getPort() + "\""),
                ".host = \"127.0.0.1\"",
                ".host = \"" + backend.getHost() + "\"");
    }

    /** The page's squid.conf with glance4j at {@code backend}, listening on {@code port}, caching in {@code cacheDir}. */
    static String squid(URI backend, int port, Path cacheDir) {
        String conf = block("squid");
        conf = replaceOnce(conf, "http_port 3128 ", "http_port 127.0.0.1:" + port + " ");
        conf = replaceOnce(
                conf,
                "cache_peer 127.0.0.1 parent " + PAGE_BACKEND_PORT + " ",
                "cache_peer " + backend.getHost() + " parent " + backend.getPort() + " ");
        return replaceOnce(conf, "cache_dir aufs /var/spool/squid ", "cache_dir aufs " + cacheDir + " ");
    }

    /** The one fenced block of the page whose info string is {@code language}. */
    static String block(String language) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = null;
        for (String line : lines()) {
            if (current == null && line.equals("```" + language)) {
                current = new StringBuilder();
            } else if (current != null && line.equals("```")) {
                blocks.add(current.toString());
                current = null;
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        if (blocks.size() != 1) {
            throw new IllegalStateException(PAGE + " has " + blocks.size() + " ```" + language + " blocks, not one");
        }
        return blocks.get(0);
    }

    private static List<String> lines() {
        try {
            return Files.readAllLines(PAGE, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String replaceOnce(String text, String target, String replacement) {
        int at = text.indexOf(target);
        if (at < 0 || text.indexOf(target, at + 1) >= 0) {
            throw new IllegalStateException(
                    "The configuration in " + PAGE + " should hold '" + target + "' once:\n" + text);
        }
        return text.substring(0, at) + replacement + text.substring(at + target.length());
    }
}
