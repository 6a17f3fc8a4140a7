package org.glance4j.http;

import org.glance4j.ports.model.Image;

/**
 * The {@code ETag} of an image's bytes and the conditional headers that compare with it. The tag is the image's
 * {@code os_hash_value} (else its md5 {@code checksum}), quoted: it changes exactly when the bytes do and is the
 * same on every node, because the core computed it from the bytes. An image without either has no tag; then
 * only {@code If-None-Match: *} matches.
 */
final class EntityTag {
    private EntityTag() {}

    /** The quoted strong tag of the image's bytes, or null. */
    static String of(Image image) {
        String value =
                image.osHashValue() != null && !image.osHashValue().isEmpty() ? image.osHashValue() : image.checksum();
        return value == null || value.isEmpty() ? null : "\"" + value + "\"";
    }

    /**
     * Whether an {@code If-None-Match} header matches (weak comparison): {@code *}, or any listed tag equal to ours
     * once a {@code W/} prefix is dropped. Unquoted tokens are accepted too, as lenient clients send them.
     */
    static boolean noneMatchMatches(String header, String tag) {
        if (header == null) {
            return false;
        }
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.equals("*")) {
                return true;
            }
            if (tag == null) {
                continue;
            }
            if (c.startsWith("W/") || c.startsWith("w/")) {
                c = c.substring(2);
            }
            if (c.equals(tag) || ("\"" + c + "\"").equals(tag)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an {@code If-Range} header lets the range through (strong comparison): only our exact tag does;
     * a date, a weak tag or another tag means the whole image is sent.
     */
    static boolean ifRangeMatches(String header, String tag) {
        return header == null || (tag != null && header.trim().equals(tag));
    }
}
