package org.glance4j.core.data;

import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.StatedDigest;

/**
 * The digests a client states for an upload ({@link StatedDigest}), checked against what the bytes turn out to
 * be. Any data path can use it: the upload computes the algorithms it lacks beside its own md5 and
 * {@code os_hash_algo} ({@link #extraAlgorithms}), the staging area wraps its stream ({@link #watch}); then
 * {@link #verify} refuses a difference with {@code INVALID}, naming both values in the client's own notation.
 */
public final class StatedDigestCheck {

    private static final Logger LOG = Logger.getLogger(StatedDigestCheck.class.getName());

    private final List<StatedDigest> stated;
    private final Map<String, HashAlgorithm> algorithms;

    private StatedDigestCheck(List<StatedDigest> stated) {
        this.stated = List.copyOf(stated);
        this.algorithms = new LinkedHashMap<>();
        for (StatedDigest digest : this.stated) {
            algorithms.computeIfAbsent(digest.algorithm(), HashAlgorithm::of);
        }
    }

    /**
     * @throws GlanceException {@code INVALID} for an algorithm this server cannot compute
     */
    public static StatedDigestCheck of(List<StatedDigest> stated) {
        try {
            return new StatedDigestCheck(stated);
        } catch (IllegalArgumentException e) {
            throw GlanceException.invalid(
                    "A stated checksum uses an algorithm this server cannot compute: " + e.getMessage());
        }
    }

    /**
     * The client's digests and those the queued {@code image} already records ({@code checksum} as md5,
     * {@code os_hash_value} by its {@code os_hash_algo}); a recorded value whose algorithm this JVM lacks is left
     * out with a warning.
     */
    public static StatedDigestCheck of(List<StatedDigest> stated, Image image) {
        List<StatedDigest> all = new ArrayList<>(stated);
        recorded(image, "checksum", "md5", image.checksum()).ifPresent(all::add);
        if (image.osHashAlgo() != null) {
            recorded(image, "os_hash_value", image.osHashAlgo(), image.osHashValue())
                    .ifPresent(all::add);
        }
        return of(all);
    }

    private static java.util.Optional<StatedDigest> recorded(Image image, String field, String algorithm, String hex) {
        if (hex == null || hex.isEmpty()) {
            return java.util.Optional.empty();
        }
        try {
            HashAlgorithm.of(algorithm);
            return java.util.Optional.of(
                    new StatedDigest(algorithm, HexFormat.of().parseHex(hex), field, null, StatedDigest.Encoding.HEX));
        } catch (IllegalArgumentException e) {
            LOG.warning("Image " + image.id() + " records " + field + " " + hex + " (" + algorithm + "), which "
                    + "cannot be checked: " + e.getMessage());
            return java.util.Optional.empty();
        }
    }

    public boolean isEmpty() {
        return stated.isEmpty();
    }

    /** The algorithms to compute besides {@code computed} (those the data path computes anyway). */
    public List<HashAlgorithm> extraAlgorithms(Collection<HashAlgorithm> computed) {
        List<HashAlgorithm> extra = new ArrayList<>();
        for (HashAlgorithm algorithm : algorithms.values()) {
            if (computed.stream().noneMatch(c -> c.glanceName().equals(algorithm.glanceName()))) {
                extra.add(algorithm);
            }
        }
        return extra;
    }

    /**
     * Checks every stated digest against {@code actual} (hashlib name to digest bytes, holding every algorithm
     * stated).
     *
     * @throws GlanceException {@code INVALID} naming the first stated digest that differs and what arrived
     */
    public void verify(Map<String, byte[]> actual) {
        for (StatedDigest digest : stated) {
            byte[] received = actual.get(digest.algorithm());
            if (received == null) {
                throw new IllegalStateException("no " + digest.algorithm() + " digest was computed");
            }
            if (!digest.matches(received)) {
                throw GlanceException.invalid("Checksum mismatch: " + digest.source() + " states "
                        + digest.written(digest.expected()) + " but the data received has "
                        + digest.written(received) + ". The data was not kept.");
            }
        }
    }

    /** The same check on hex digests as the upload computes them. */
    public void verifyHex(Map<String, String> actualHex) {
        Map<String, byte[]> actual = new LinkedHashMap<>();
        actualHex.forEach((name, hex) -> actual.put(name, HexFormat.of().parseHex(hex)));
        verify(actual);
    }

    /**
     * {@code in} with every stated algorithm computed as it is read, on the reading thread; call
     * {@link Watched#verify()} once it is read to its end.
     */
    public Watched watch(InputStream in) {
        Map<String, MessageDigest> digests = new LinkedHashMap<>();
        InputStream stream = in;
        for (HashAlgorithm algorithm : algorithms.values()) {
            MessageDigest digest = algorithm.newDigest();
            digests.put(algorithm.glanceName(), digest);
            stream = new DigestInputStream(stream, digest);
        }
        return new Watched(stream, digests);
    }

    /** A stream whose stated digests are computed as it is read. */
    public final class Watched {
        private final InputStream stream;
        private final Map<String, MessageDigest> digests;

        private Watched(InputStream stream, Map<String, MessageDigest> digests) {
            this.stream = stream;
            this.digests = digests;
        }

        public InputStream stream() {
            return stream;
        }

        /** Checks what was read; see {@link StatedDigestCheck#verify(Map)}. */
        public void verify() {
            Map<String, byte[]> actual = new LinkedHashMap<>();
            digests.forEach((name, digest) -> actual.put(name, digest.digest()));
            StatedDigestCheck.this.verify(actual);
        }
    }
}
