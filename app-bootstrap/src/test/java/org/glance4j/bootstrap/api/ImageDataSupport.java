package org.glance4j.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

/**
 * Shortcuts of the image-data API tests: raw images, uploads, downloads and digests.
 *
 * <p>The bytes are pseudo-random and small (a few KiB), with no magic number of any disk format, so that a Glance
 * that inspects uploads (master's {@code [image_format] require_image_format_match}) takes them for the {@code raw}
 * they are declared to be.
 */
abstract class ImageDataSupport extends ApiTestSupport {
    static final String OCTET_STREAM = "application/octet-stream";

    /** {@code size} reproducible bytes that no format inspector recognises. */
    static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        if (size > 511) {
            data[510] = 0; // never an MBR/GPT boot signature (0x55AA)
        }
        return data;
    }

    /** A queued raw/bare image of the given visibility, created by {@code who}; its id. */
    static String queuedImage(Persona who, String visibility) {
        return create(
                        who,
                        body(
                                "name",
                                unique("data"),
                                "visibility",
                                visibility,
                                "disk_format",
                                "raw",
                                "container_format",
                                "bare"))
                .get("id")
                .asText();
    }

    /** Uploads {@code data} as {@code who} and returns the answer. */
    static ApiResponse upload(Persona who, String id, byte[] data) {
        return Api.as(who).putBytes("/v2/images/" + id + "/file", OCTET_STREAM, data, Map.of());
    }

    /** An active raw image of {@code who} holding {@code data}; its id. */
    static String activeImage(Persona who, String visibility, byte[] data) {
        String id = queuedImage(who, visibility);
        ApiResponse response = upload(who, id, data);
        assertThat(response.status()).as("%s", response).isEqualTo(204);
        return id;
    }

    /** GET of the image's data as {@code who}, with extra headers. */
    static BinaryResponse download(Persona who, String id, Map<String, String> headers) {
        return Api.as(who).getBytes("GET", "/v2/images/" + id + "/file", headers);
    }

    /** POST of an image action (deactivate, reactivate) as {@code who}. */
    static ApiResponse action(Persona who, String id, String action) {
        return Api.as(who).post("/v2/images/" + id + "/actions/" + action, null);
    }

    /** The lowercase hex digest of {@code data} (MD5, SHA-512, ...). */
    static String hex(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
