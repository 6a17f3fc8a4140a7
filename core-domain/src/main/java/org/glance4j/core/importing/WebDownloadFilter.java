package org.glance4j.core.importing;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.glance4j.core.settings.ImportSettings.FilterRules;

/**
 * Decides whether web-download may fetch a URI, with Glance's {@code [import_filtering_opts]} rules (schemes,
 * hosts and ports, an allow list winning over the deny list of its kind; a URI without a port passes the port
 * rules, as in Glance) and glance4j's address rule: a host that is, or resolves to, a loopback, link-local,
 * private (site-local or unique-local), wildcard or multicast address is refused unless {@code allowed_hosts}
 * names it. Encoded IP literals ({@code 2130706433}, {@code 127.1}) and hosts that do not resolve are refused, as
 * Glance master refuses them. Redirects are checked again, one by one, by the fetcher.
 */
public final class WebDownloadFilter {

    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

    private final FilterRules rules;

    public WebDownloadFilter(FilterRules rules) {
        this.rules = rules;
    }

    /** Whether the URI passes every rule. */
    public boolean allows(String uri) {
        return check(uri) == null;
    }

    /** Why the URI is refused, in the words the client is told; null when it passes. */
    public String why(String text) {
        Refusal refusal = check(text);
        return refusal == null ? null : refusal.reason();
    }

    /**
     * Why a URI is refused: {@code reason} for the client (the rule it broke, never an internal address it resolved
     * to), {@code detail} for the log (with that address and the option that would allow it).
     */
    public record Refusal(String reason, String detail) {
        static Refusal of(String reason) {
            return new Refusal(reason, reason);
        }
    }

    /** The refusal of a URI, or null when it passes every rule. */
    public Refusal check(String text) {
        if (text == null || text.isBlank()) {
            return Refusal.of("the URI is empty");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Refusal.of("it is not a valid URI");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null) {
            return Refusal.of("it has no scheme");
        }
        if (!rules.allowedSchemes().isEmpty()
                ? !rules.allowedSchemes().contains(scheme)
                : rules.disallowedSchemes().contains(scheme)) {
            return Refusal.of("the scheme " + scheme + " is not allowed" + allowed(rules.allowedSchemes()));
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Refusal.of("only http and https URIs can be fetched");
        }
        String host = normalise(uri.getHost());
        if (host == null) {
            return Refusal.of("the host is missing or is not a plain host name or IP address");
        }
        boolean named = rules.allowedHosts().contains(host);
        if (!rules.allowedHosts().isEmpty() ? !named : rules.disallowedHosts().contains(host)) {
            return Refusal.of("the host " + host + " is not allowed");
        }
        int port = uri.getPort();
        if (port >= 0
                && (!rules.allowedPorts().isEmpty()
                        ? !rules.allowedPorts().contains(port)
                        : rules.disallowedPorts().contains(port))) {
            return Refusal.of("the port " + port + " is not allowed" + allowed(rules.allowedPorts()));
        }
        return named ? null : internalAddress(host);
    }

    private static String allowed(java.util.List<?> allowList) {
        return allowList.isEmpty()
                ? ""
                : " (allowed: "
                        + allowList.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                        + ")";
    }

    /** A host in Glance's normal form: IP literals canonical, names lower-case; null when not acceptable. */
    static String normalise(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            try {
                InetAddress address = InetAddress.getByName(host.substring(1, host.length() - 1));
                return address instanceof Inet6Address ? address.getHostAddress() : null;
            } catch (UnknownHostException e) {
                return null;
            }
        }
        if (IPV4.matcher(host).matches()) {
            return host;
        }
        if (DIGITS_AND_DOTS.matcher(host).matches()) {
            return null;
        }
        return host.toLowerCase(Locale.ROOT);
    }

    /** Why the host's addresses are internal (or missing), or null when every one is public. */
    private static Refusal internalAddress(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Refusal.of("the host " + host + " does not resolve");
        }
        boolean literal = IPV4.matcher(host).matches() || host.contains(":");
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                return new Refusal(
                        "the host " + host + (literal ? " is" : " resolves to")
                                + " an internal address (loopback, private, link-local or the like), which is not fetched",
                        "host " + host + " is the internal address " + address.getHostAddress()
                                + " (name it in [import_filtering_opts] allowed_hosts to allow it)");
            }
        }
        return null;
    }

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] raw = a.getAddress();
        if (raw.length == 16) {
            return (raw[0] & 0xfe) == 0xfc; // unique local fc00::/7
        }
        int first = raw[0] & 0xff;
        int second = raw[1] & 0xff;
        return first == 0
                || (first == 100 && second >= 64 && second < 128) // this network, carrier-grade NAT
                || (first == 169 && second == 254)
                || first >= 240;
    }
}
