package org.glance4j.bootstrap.config;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The values of {@code [DEFAULT] hashing_algorithm} glance4j accepts: Python hashlib names whose digest the JDK
 * computes, mapped to the JDK's names. Glance accepts any hashlib name and fails every upload when it is wrong;
 * glance4j refuses a name it cannot compute at start.
 */
public final class HashingAlgorithms {

    private static final Map<String, String> JDK_NAMES = new LinkedHashMap<>();

    static {
        JDK_NAMES.put("md5", "MD5");
        JDK_NAMES.put("sha1", "SHA-1");
        JDK_NAMES.put("sha224", "SHA-224");
        JDK_NAMES.put("sha256", "SHA-256");
        JDK_NAMES.put("sha384", "SHA-384");
        JDK_NAMES.put("sha512", "SHA-512");
        JDK_NAMES.put("sha512_224", "SHA-512/224");
        JDK_NAMES.put("sha512_256", "SHA-512/256");
        JDK_NAMES.put("sha3_224", "SHA3-224");
        JDK_NAMES.put("sha3_256", "SHA3-256");
        JDK_NAMES.put("sha3_384", "SHA3-384");
        JDK_NAMES.put("sha3_512", "SHA3-512");
    }

    private HashingAlgorithms() {}

    /** The hashlib names accepted, comma-separated, for messages. */
    public static String accepted() {
        return String.join(", ", JDK_NAMES.keySet());
    }

    /**
     * The hashlib name for {@code value} (hashlib names are case-insensitive), if the JDK can compute it.
     */
    public static Optional<String> normalise(String value) {
        String name = value.strip().toLowerCase(Locale.ROOT);
        String jdk = JDK_NAMES.get(name);
        if (jdk == null) {
            return Optional.empty();
        }
        try {
            MessageDigest.getInstance(jdk);
            return Optional.of(name);
        } catch (NoSuchAlgorithmException e) {
            return Optional.empty();
        }
    }
}
