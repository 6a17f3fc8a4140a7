package org.glance4j.storage.rbd;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.glance4j.ports.error.GlanceException;

/**
 * Where an image's data is in Ceph, as Glance writes it: {@code rbd://<fsid>/<pool>/<image>/<snapshot>}, each part
 * percent-encoded with nothing kept but letters, digits and {@code _.-~}. The short form {@code rbd://<image>} of
 * old Glance releases is read too: the image in the store's own pool, without a snapshot.
 */
record RbdLocation(String fsid, String pool, String image, String snapshot) {
    static final String SCHEME = "rbd://";

    /** The location of {@code image} in {@code pool}, with its snapshot {@code snapshot}, in Glance's long form. */
    String uri() {
        return SCHEME + quote(fsid) + "/" + quote(pool) + "/" + quote(image) + "/" + quote(snapshot);
    }

    /**
     * Reads {@code location}; {@code defaultPool} is the pool of the short form.
     *
     * @throws GlanceException {@code NOT_FOUND} for a location that is not one of the two forms (it cannot name
     *                         anything in this store)
     */
    static RbdLocation parse(String location, String defaultPool) {
        if (location == null || !location.startsWith(SCHEME)) {
            throw notAnRbdLocation(location);
        }
        String[] parts = location.substring(SCHEME.length()).split("/", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                throw notAnRbdLocation(location);
            }
        }
        if (parts.length == 1) {
            return new RbdLocation(null, defaultPool, unquote(parts[0], location), null);
        }
        if (parts.length == 4) {
            return new RbdLocation(
                    unquote(parts[0], location),
                    unquote(parts[1], location),
                    unquote(parts[2], location),
                    unquote(parts[3], location));
        }
        throw notAnRbdLocation(location);
    }

    private static GlanceException notAnRbdLocation(String location) {
        return GlanceException.notFound("Not an rbd location (rbd://<fsid>/<pool>/<image>/<snapshot>): " + location);
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "_.-~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    private static String unquote(String text, String location) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()) {
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw notAnRbdLocation(location);
                }
                out.write(high << 4 | low);
                i += 2;
            } else if (c == '%') {
                throw notAnRbdLocation(location);
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
