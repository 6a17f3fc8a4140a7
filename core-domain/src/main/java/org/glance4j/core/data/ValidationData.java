package org.glance4j.core.data;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;

/**
 * The {@code validation_data} of new locations ({@code checksum}, {@code os_hash_algo}, {@code os_hash_value}),
 * checked as Glance checks it: the locations must agree among themselves, a value the image already has must be
 * repeated exactly, new values are accepted only while the image is queued, and they must be well formed for
 * md5 and the configured {@code hashing_algorithm}. Every refusal is {@code CONFLICT}.
 */
final class ValidationData {

    private final HashAlgorithm configured;

    ValidationData(HashAlgorithm configured) {
        this.configured = configured;
    }

    /** The values the image does not have yet (empty when there are none), or the refusal. */
    Map<String, String> newValues(Image image, List<LocationValue> locations) {
        Map<String, String> given = new LinkedHashMap<>();
        for (LocationValue location : locations) {
            location.validationData().forEach((k, v) -> {
                String other = given.putIfAbsent(k, v);
                if (other != null && !other.equals(v)) {
                    throw GlanceException.conflict("Conflicting values for " + k);
                }
            });
        }
        Map<String, String> fresh = new LinkedHashMap<>();
        given.forEach((k, v) -> {
            String current = currentValue(image, k);
            if (v.equals(current)) {
                return;
            }
            if (current != null && !current.isEmpty()) {
                throw GlanceException.conflict(k + " is already set with a different value");
            }
            fresh.put(k, v);
        });
        if (fresh.isEmpty()) {
            return fresh;
        }
        if (image.status() != ImageStatus.QUEUED) {
            throw GlanceException.conflict("New value(s) for " + String.join(", ", fresh.keySet())
                    + " may only be provided when image status is 'queued'");
        }
        String checksum = fresh.get("checksum");
        if (checksum != null && byteLength(checksum, "checksum") != 16) {
            throw GlanceException.conflict(
                    "checksum (" + checksum + ") is not the correct size for md5 (should be " + "16 bytes)");
        }
        String algo = fresh.get("os_hash_algo");
        if (algo == null || !algo.equals(configured.glanceName())) {
            throw GlanceException.conflict("os_hash_algo must be " + configured.glanceName() + ", not " + algo);
        }
        String value = fresh.get("os_hash_value");
        int want = configured.newDigest().getDigestLength();
        if (value == null || byteLength(value, "os_hash_value") != want) {
            throw GlanceException.conflict("os_hash_value (" + value + ") is not the correct size for " + algo
                    + " (should be " + want + " bytes)");
        }
        return fresh;
    }

    /** The image with the new values set. */
    static Image apply(Image image, Map<String, String> values) {
        Image.Builder b = image.toBuilder();
        if (values.containsKey("checksum")) {
            b.checksum(values.get("checksum"));
        }
        if (values.containsKey("os_hash_algo")) {
            b.osHashAlgo(values.get("os_hash_algo"));
        }
        if (values.containsKey("os_hash_value")) {
            b.osHashValue(values.get("os_hash_value"));
        }
        return b.build();
    }

    private static String currentValue(Image image, String key) {
        return switch (key) {
            case "checksum" -> image.checksum();
            case "os_hash_algo" -> image.osHashAlgo();
            default -> image.osHashValue();
        };
    }

    private static int byteLength(String hex, String name) {
        try {
            if (hex.length() % 2 != 0) {
                throw new IllegalArgumentException("odd length");
            }
            return HexFormat.of().parseHex(hex).length;
        } catch (IllegalArgumentException e) {
            throw GlanceException.conflict(name + " (" + hex + ") is not a valid hexadecimal value");
        }
    }
}
