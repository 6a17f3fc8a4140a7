package org.glance4j.http;

import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.StatedDigest;
import org.glance4j.ports.model.StatedDigest.Encoding;

/**
 * The digests a client states for the body it sends, from {@code Content-MD5} (base64 of the md5, or its 32 hex
 * digits), {@code Digest} (RFC 3230: {@code md5=}, {@code sha-256=}, {@code sha-512=} with base64, several
 * allowed) and {@code Repr-Digest} (RFC 9530: {@code sha-256=:base64:}, {@code sha-512=:base64:}). Algorithms
 * other than these are ignored, as both RFCs say (md5 in {@code Repr-Digest} too: RFC 9530 deprecates it); a header
 * that cannot be read, or a digest of a known algorithm with the wrong length, is {@code INVALID}.
 */
final class StatedDigestHeaders {
    static final HttpString CONTENT_MD5 = new HttpString("Content-MD5");
    static final HttpString DIGEST = new HttpString("Digest");
    static final HttpString REPR_DIGEST = new HttpString("Repr-Digest");

    /** Digest algorithm names of RFC 3230 / 5843 and RFC 9530 (lower case) to Glance's names. */
    private static final Map<String, String> DIGEST_ALGORITHMS =
            Map.of("md5", "md5", "sha-256", "sha256", "sha-512", "sha512");

    private static final Map<String, String> REPR_ALGORITHMS = Map.of("sha-256", "sha256", "sha-512", "sha512");
    private static final Map<String, Integer> LENGTHS = Map.of("md5", 16, "sha256", 32, "sha512", 64);

    private StatedDigestHeaders() {}

    /**
     * Every digest the request's headers state, in the order Content-MD5, Digest, Repr-Digest.
     *
     * @throws GlanceException {@code INVALID} naming the header that cannot be read
     */
    static List<StatedDigest> of(HeaderMap headers) {
        List<StatedDigest> stated = new ArrayList<>();
        String contentMd5 = joined(headers, CONTENT_MD5);
        if (contentMd5 != null) {
            stated.add(contentMd5(contentMd5.trim()));
        }
        String digest = joined(headers, DIGEST);
        if (digest != null) {
            stated.addAll(digest(digest));
        }
        String repr = joined(headers, REPR_DIGEST);
        if (repr != null) {
            stated.addAll(reprDigest(repr));
        }
        return stated;
    }

    /** All values of one header as one list (RFC 9110 5.3), or null without any. */
    private static String joined(HeaderMap headers, HttpString name) {
        HeaderValues values = headers.get(name);
        return values == null || values.isEmpty() ? null : String.join(", ", values);
    }

    private static StatedDigest contentMd5(String value) {
        if (value.length() == 32 && value.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return new StatedDigest("md5", HexFormat.of().parseHex(value), "Content-MD5", null, Encoding.HEX);
        }
        byte[] md5 = base64(value, "md5", "Content-MD5");
        return new StatedDigest("md5", md5, "Content-MD5", null, Encoding.BASE64);
    }

    private static List<StatedDigest> digest(String value) {
        List<StatedDigest> stated = new ArrayList<>();
        for (String element : value.split(",")) {
            String instance = element.trim();
            if (instance.isEmpty()) {
                continue;
            }
            int equals = instance.indexOf('=');
            if (equals <= 0) {
                throw invalid("Digest", "'" + instance + "' is not <algorithm>=<value>");
            }
            String label = instance.substring(0, equals).trim();
            String algorithm = DIGEST_ALGORITHMS.get(label.toLowerCase(Locale.ROOT));
            if (algorithm != null) {
                byte[] bytes = base64(instance.substring(equals + 1).trim(), algorithm, "Digest");
                stated.add(new StatedDigest(algorithm, bytes, "Digest", label, Encoding.BASE64));
            }
        }
        return stated;
    }

    private static List<StatedDigest> reprDigest(String value) {
        Map<String, Object> members;
        try {
            members = StructuredDictionary.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid("Repr-Digest", e.getMessage());
        }
        List<StatedDigest> stated = new ArrayList<>();
        members.forEach((key, member) -> {
            String algorithm = REPR_ALGORITHMS.get(key);
            if (algorithm == null) {
                return;
            }
            if (!(member instanceof byte[] bytes)) {
                throw invalid("Repr-Digest", "the value of " + key + " is not a byte sequence (:base64:)");
            }
            requireLength(bytes, algorithm, "Repr-Digest");
            stated.add(new StatedDigest(algorithm, bytes, "Repr-Digest", key, Encoding.BYTE_SEQUENCE));
        });
        return stated;
    }

    private static byte[] base64(String value, String algorithm, String header) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw invalid(header, "the " + algorithm + " value is not base64");
        }
        requireLength(bytes, algorithm, header);
        return bytes;
    }

    private static void requireLength(byte[] bytes, String algorithm, String header) {
        int length = LENGTHS.get(algorithm);
        if (bytes.length != length) {
            throw invalid(header, "a " + algorithm + " digest has " + length + " bytes, this one " + bytes.length);
        }
    }

    private static GlanceException invalid(String header, String why) {
        return GlanceException.invalid("Invalid " + header + " header: " + why + ".");
    }
}
