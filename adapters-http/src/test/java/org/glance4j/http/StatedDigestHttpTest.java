package org.glance4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.StatedDigest;
import org.glance4j.ports.model.StatedDigest.Encoding;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Content-MD5}, {@code Digest} and {@code Repr-Digest} on an upload reach the core as stated digests (or are
 * 400 before it when they cannot be read), and {@code Want-Repr-Digest} on a download gets {@code Repr-Digest}.
 */
class StatedDigestHttpTest {
    private static final String ID = "11111111-2222-3333-4444-555555555555";
    private static final String FILE = "/v2/images/" + ID + "/file";
    private static final byte[] BYTES = GeneratedBytes.array(50_000, 9);
    private static final byte[] MD5 = digest("MD5");
    private static final byte[] SHA256 = digest("SHA-256");
    private static final byte[] SHA512 = digest("SHA-512");
    private static ServerFixture fx;

    @BeforeAll
    static void start() {
        fx = new ServerFixture();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @BeforeEach
    void reset() {
        fx.data.reset();
    }

    private static byte[] digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm).digest(BYTES);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static HttpResponse<byte[]> put(String... headers) {
        String[] all = new String[headers.length + 4];
        all[0] = "Content-Type";
        all[1] = "application/octet-stream";
        all[2] = "Accept";
        all[3] = "application/json";
        System.arraycopy(headers, 0, all, 4, headers.length);
        return fx.sendBytes("PUT", FILE, HttpRequest.BodyPublishers.ofByteArray(BYTES), all);
    }

    private static String message(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void everyHeaderFormReachesTheCoreWithTheClientsNotation() throws Exception {
        HttpResponse<byte[]> r = put(
                "Content-MD5",
                b64(MD5),
                "Digest",
                "SHA-256=" + b64(SHA256) + ", UNIXsum=1234",
                "Digest",
                "sha-512=" + b64(SHA512),
                "Repr-Digest",
                "sha-512=:" + b64(SHA512) + ":, md5=:" + b64(MD5) + ":, blake3=:AAAA:;p=1");
        assertThat(r.statusCode()).isEqualTo(204);
        fx.data.awaitUpload();
        assertThat(fx.data.stated)
                .singleElement()
                .isEqualTo(List.of(
                        new StatedDigest("md5", MD5, "Content-MD5", null, Encoding.BASE64),
                        new StatedDigest("sha256", SHA256, "Digest", "SHA-256", Encoding.BASE64),
                        new StatedDigest("sha512", SHA512, "Digest", "sha-512", Encoding.BASE64),
                        new StatedDigest("sha512", SHA512, "Repr-Digest", "sha-512", Encoding.BYTE_SEQUENCE)));
    }

    @Test
    void aHexContentMd5IsAcceptedAndWrittenBackInHex() throws Exception {
        assertThat(put("Content-MD5", HexFormat.of().formatHex(MD5)).statusCode())
                .isEqualTo(204);
        fx.data.awaitUpload();
        assertThat(fx.data.stated)
                .singleElement()
                .isEqualTo(List.of(new StatedDigest("md5", MD5, "Content-MD5", null, Encoding.HEX)));
    }

    @Test
    void onlyUnknownAlgorithmsStateNothing() throws Exception {
        assertThat(put(
                                "Digest",
                                "SHA=" + b64(digest("SHA-1")) + ",UNIXcksum=12",
                                "Repr-Digest",
                                "sha-384=:" + b64(new byte[48]) + ":")
                        .statusCode())
                .isEqualTo(204);
        assertThat(fx.data.awaitUpload().bytes()).isEqualTo(BYTES.length);
        assertThat(fx.data.stated).as("the upload without stated digests").isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                "Content-MD5: not base64!",
                "Content-MD5: AAAA",
                "Digest: md5",
                "Digest: sha-256=AAAA",
                "Digest: md5=%%%",
                "Repr-Digest: sha-256=AAAA",
                "Repr-Digest: sha-256=:AAAA:",
                "Repr-Digest: SHA-256=:AAAA:",
                "Repr-Digest: sha-256=:AAAA",
                "Repr-Digest: sha-512=:x:,",
                "Repr-Digest: a=\"unclosed"
            })
    void aMalformedHeaderIs400BeforeTheCore(String header) {
        String[] nameAndValue = header.split(": ", 2);
        HttpResponse<byte[]> r = put(nameAndValue[0], nameAndValue[1]);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(message(r)).contains("Invalid " + nameAndValue[0] + " header");
        assertThat(fx.data.uploadsStarted).hasValue(0);
    }

    @Test
    void theCoresRefusalIs400WithItsMessage() {
        fx.data.failure = org.glance4j.ports.error.GlanceException.invalid("Checksum mismatch: Repr-Digest states x");
        HttpResponse<byte[]> r = put("Repr-Digest", "sha-256=:" + b64(SHA256) + ":");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(message(r)).contains("Checksum mismatch: Repr-Digest states x");
    }

    // ---- Want-Repr-Digest

    private static HttpResponse<byte[]> download(String algo, String... headers) {
        fx.data.image = FakeImageService.sampleImage().toBuilder()
                .status(ImageStatus.ACTIVE)
                .size((long) BYTES.length)
                .checksum(HexFormat.of().formatHex(MD5))
                .osHashAlgo(algo)
                .osHashValue(HexFormat.of().formatHex(algo.equals("sha256") ? SHA256 : SHA512))
                .build();
        fx.data.content = BYTES;
        return fx.sendBytes("GET", FILE, HttpRequest.BodyPublishers.noBody(), headers);
    }

    @Test
    void wantReprDigestGetsTheRecordedSha512OnWholeAndPartialAnswers() {
        HttpResponse<byte[]> whole = download("sha512", "Want-Repr-Digest", "sha-512=3, sha-256=10");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Repr-Digest")).hasValue("sha-512=:" + b64(SHA512) + ":");
        HttpResponse<byte[]> part = download("sha512", "Want-Repr-Digest", "sha-512=1", "Range", "bytes=0-9");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Repr-Digest"))
                .as("the digest of the whole representation")
                .hasValue("sha-512=:" + b64(SHA512) + ":");
    }

    @Test
    void wantReprDigestGetsSha256WhenThatIsTheRecordedAlgorithm() {
        assertThat(download("sha256", "Want-Repr-Digest", "sha-256=5").headers().firstValue("Repr-Digest"))
                .hasValue("sha-256=:" + b64(SHA256) + ":");
    }

    @Test
    void noReprDigestUnaskedRefusedOrUnreadable() {
        assertThat(download("sha512").headers().firstValue("Repr-Digest")).isEmpty();
        assertThat(download("sha512", "Want-Repr-Digest", "sha-512=0").headers().firstValue("Repr-Digest"))
                .isEmpty();
        HttpResponse<byte[]> unreadable = download("sha512", "Want-Repr-Digest", "SHA-512=??");
        assertThat(unreadable.statusCode()).isEqualTo(200);
        assertThat(unreadable.headers().firstValue("Repr-Digest")).isEmpty();
    }

    @Test
    void anotherRecordedAlgorithmGetsNoReprDigest() {
        fx.data.image = FakeImageService.sampleImage().toBuilder()
                .status(ImageStatus.ACTIVE)
                .size((long) BYTES.length)
                .osHashAlgo("sha3_256")
                .osHashValue("00")
                .build();
        fx.data.content = BYTES;
        HttpResponse<byte[]> r =
                fx.sendBytes("GET", FILE, HttpRequest.BodyPublishers.noBody(), "Want-Repr-Digest", "sha-256=1");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Repr-Digest")).isEmpty();
    }
}
