package org.glance4j.http;

import io.undertow.util.HttpString;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.glance4j.ports.model.Image;

/**
 * The {@code Repr-Digest} of a download (RFC 9530), sent when the request carries {@code Want-Repr-Digest}: the
 * digest of the whole image (on a 206 too, as the field describes the representation, not the part sent) from
 * the recorded {@code os_hash_value}, when {@code os_hash_algo} is sha256 or sha512 and the request does not give
 * that algorithm the weight 0. Nothing else is offered, so that the image is never read twice: md5 stays in
 * {@code Content-MD5}, and an image hashed with another algorithm gets no {@code Repr-Digest}. A
 * {@code Want-Repr-Digest} that cannot be read is a preference that does not count, not an error.
 */
final class ReprDigestAnswer {
    static final HttpString WANT_REPR_DIGEST = new HttpString("Want-Repr-Digest");
    static final HttpString REPR_DIGEST = new HttpString("Repr-Digest");

    private static final Map<String, String> FIELD_NAMES = Map.of("sha256", "sha-256", "sha512", "sha-512");

    private ReprDigestAnswer() {}

    /** The {@code Repr-Digest} value for {@code image}, or null when none is to be sent. */
    static String of(String wantReprDigest, Image image) {
        if (wantReprDigest == null
                || image.osHashAlgo() == null
                || image.osHashValue() == null
                || image.osHashValue().isEmpty()) {
            return null;
        }
        String key = FIELD_NAMES.get(image.osHashAlgo());
        if (key == null) {
            return null;
        }
        Map<String, Object> wanted;
        try {
            wanted = StructuredDictionary.parse(wantReprDigest);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (wanted.get(key) instanceof Long weight && weight == 0) {
            return null;
        }
        try {
            return key + "=:"
                    + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(image.osHashValue())) + ":";
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
