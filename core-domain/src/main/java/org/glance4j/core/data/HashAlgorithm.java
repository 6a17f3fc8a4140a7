package org.glance4j.core.data;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code hashing_algorithm} as Glance names it (Python {@code hashlib} spelling: {@code sha512},
 * {@code sha3_256}, ...) and the JDK digest that computes it. Names the JDK has no digest for (e.g.
 * {@code blake2b}) are refused when the core is built, not at the first upload.
 */
public record HashAlgorithm(String glanceName, String jdkName) {

    private static final Map<String, String> JDK_NAMES = Map.ofEntries(
            Map.entry("md5", "MD5"),
            Map.entry("sha1", "SHA-1"),
            Map.entry("sha224", "SHA-224"),
            Map.entry("sha256", "SHA-256"),
            Map.entry("sha384", "SHA-384"),
            Map.entry("sha512", "SHA-512"),
            Map.entry("sha512_224", "SHA-512/224"),
            Map.entry("sha512_256", "SHA-512/256"),
            Map.entry("sha3_224", "SHA3-224"),
            Map.entry("sha3_256", "SHA3-256"),
            Map.entry("sha3_384", "SHA3-384"),
            Map.entry("sha3_512", "SHA3-512"));

    /** The md5 of Glance's {@code checksum}. */
    public static final HashAlgorithm MD5 = of("md5");

    /**
     * The algorithm Glance calls {@code name} (case-insensitive, as hashlib is).
     *
     * @throws IllegalArgumentException naming the accepted names when there is no such algorithm here
     */
    public static HashAlgorithm of(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        String jdk = JDK_NAMES.get(key);
        if (jdk == null) {
            throw new IllegalArgumentException("hashing_algorithm '" + name + "' is not supported; use one of "
                    + new java.util.TreeSet<>(JDK_NAMES.keySet()));
        }
        HashAlgorithm algorithm = new HashAlgorithm(key, jdk);
        algorithm.newDigest();
        return algorithm;
    }

    /** A fresh digest. */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jdkName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException(
                    "hashing_algorithm '" + glanceName + "' is not available in this JVM", e);
        }
    }
}
