package org.glance4j.ports.model;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A digest that a client states for the bytes it sends: a {@code Content-MD5}, {@code Digest} or
 * {@code Repr-Digest} header of the upload, or a {@code checksum}/{@code os_hash_value} the image record already
 * holds when its data arrives. The core computes {@code algorithm} while the bytes stream and refuses the data
 * ({@code INVALID}, nothing kept) when the result differs from {@link #expected()}.
 *
 * @param algorithm the algorithm in Glance's (Python hashlib) spelling: {@code md5}, {@code sha256},
 *                  {@code sha512}, ...
 * @param expected  the digest as bytes (a copy is kept)
 * @param source    where the client stated it, as the refusal names it: {@code Content-MD5}, {@code Digest},
 *                  {@code Repr-Digest}, {@code checksum}, {@code os_hash_value}
 * @param label     the algorithm as the client wrote it ({@code sha-256}), written before the value in the refusal
 *                  as {@code label=value}; null when the source names the algorithm itself ({@code Content-MD5})
 * @param encoding  how the client wrote the value; the refusal writes the received value the same way
 */
public record StatedDigest(String algorithm, byte[] expected, String source, String label, Encoding encoding) {

    /** How a digest is written in the place the client stated it. */
    public enum Encoding {
        /** Lower-case hexadecimal, as Glance's {@code checksum} and {@code os_hash_value}. */
        HEX,
        /** Base64 with padding, as {@code Content-MD5} and RFC 3230's {@code Digest}. */
        BASE64,
        /** An RFC 8941 byte sequence, base64 between colons, as RFC 9530's {@code Repr-Digest}. */
        BYTE_SEQUENCE;

        /** {@code digest} written this way. */
        public String encode(byte[] digest) {
            return switch (this) {
                case HEX -> HexFormat.of().formatHex(digest);
                case BASE64 -> Base64.getEncoder().encodeToString(digest);
                case BYTE_SEQUENCE -> ":" + Base64.getEncoder().encodeToString(digest) + ":";
            };
        }
    }

    public StatedDigest {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(encoding, "encoding");
        algorithm = algorithm.toLowerCase(Locale.ROOT);
        expected = expected.clone();
    }

    @Override
    public byte[] expected() {
        return expected.clone();
    }

    /** Whether {@code actual} is the stated digest. */
    public boolean matches(byte[] actual) {
        return java.security.MessageDigest.isEqual(expected, actual);
    }

    /** {@code digest} as the client would have written it here: {@code label=value} or the value alone. */
    public String written(byte[] digest) {
        return (label == null ? "" : label + "=") + encoding.encode(digest);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StatedDigest s
                && algorithm.equals(s.algorithm)
                && java.util.Arrays.equals(expected, s.expected)
                && source.equals(s.source)
                && Objects.equals(label, s.label)
                && encoding == s.encoding;
    }

    @Override
    public int hashCode() {
        return Objects.hash(algorithm, java.util.Arrays.hashCode(expected), source, label, encoding);
    }

    @Override
    public String toString() {
        return source + ": " + written(expected);
    }
}
