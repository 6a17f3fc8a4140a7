package org.glance4j.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;

/**
 * Random bytes, and real headers cut short or with bytes changed, fed to the inspector in reads of random sizes:
 * it only ever answers an {@link InspectionResult} (the probes run strictly, so an exception they did not mean
 * fails the property), the policy only ever answers or refuses with its own {@code INVALID}, the path inspection
 * agrees with the stream, and the inspector never holds more than {@link InspectingInputStream#WINDOW_LIMIT}.
 */
class InspectorFuzzTest {

    /** Thousands of judged results: the policy's warnings would drown the build log. */
    private static final java.util.logging.Logger QUIET = quiet();

    private static final List<String> DECLARED =
            List.of("raw", "qcow2", "vmdk", "vhd", "vhdx", "vdi", "iso", "ami", "ploop", "luks");
    private static final List<FormatPolicy> POLICIES = List.of(
            new FormatPolicy(FormatSettings.defaults()),
            new FormatPolicy(new FormatSettings(false, List.of(), List.of("mbr"))));

    private static java.util.logging.Logger quiet() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(FormatPolicy.class.getName());
        logger.setLevel(java.util.logging.Level.SEVERE);
        return logger;
    }

    @Property(tries = 300)
    void randomBytes(
            @ForAll long seed,
            @ForAll @IntRange(max = 300_000) int length,
            @ForAll @IntRange(min = 1, max = 70_000) int chunk) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        inspectEveryWay(data, chunk);
    }

    @Property(tries = 400)
    void truncatedHeaders(
            @ForAll("seeds") byte[] image,
            @ForAll @IntRange(max = Integer.MAX_VALUE) int cut,
            @ForAll @IntRange(min = 1, max = 5000) int chunk) {
        inspectEveryWay(Arrays.copyOf(image, cut % (image.length + 1)), chunk);
    }

    @Property(tries = 600)
    void mutatedHeaders(
            @ForAll("seeds") byte[] image,
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 24) int changes,
            @ForAll @IntRange(min = 1, max = 70_000) int chunk) {
        byte[] data = image.clone();
        Random random = new Random(seed);
        for (int k = 0; k < changes; k++) {
            int at = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(Math.min(data.length, 1024));
                case 1 -> Math.max(0, data.length - 1 - random.nextInt(Math.min(data.length, 2048)));
                case 2 -> Math.min(data.length - 1, 192 * 1024 + random.nextInt(128 * 1024));
                default -> random.nextInt(data.length);
            };
            data[at] = switch (random.nextInt(3)) {
                case 0 -> (byte) random.nextInt(256);
                case 1 -> (byte) (data[at] ^ (1 << random.nextInt(8)));
                default -> (byte) (random.nextBoolean() ? 0 : 0xFF);
            };
        }
        inspectEveryWay(data, chunk);
    }

    @Example
    void megabytesOfTextStayWithinTheBound() {
        StringBuilder text = new StringBuilder("createType=\"monolithicSparse\"\nRW 1 SPARSE \"a\"\n");
        while (text.length() < 3 << 20) {
            text.append("ddb.comment = \"lots of text that goes on and on\"\n");
        }
        InspectionResult result = inspectEveryWay(text.toString().getBytes(StandardCharsets.US_ASCII), 65536);
        assertThat(result.format()).isEqualTo("vmdk");
        assertThat(result.problems())
                .containsExactly(
                        "descriptor: A VMDK descriptor without its sparse extent names " + "extents outside the image");
    }

    @Example
    void aVhdxPointingFarAwayStaysWithinTheBound() {
        byte[] image = TestImages.vhdx(1 << 20);
        java.nio.ByteBuffer.wrap(image).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(192 * 1024 + 64, 1L << 60);
        InspectionResult result = inspectEveryWay(image, 4096);
        assertThat(result.format()).isEqualTo("vhdx");
        assertThat(result.virtualSize()).isEqualTo(-1);
    }

    /**
     * Found by {@link #truncatedHeaders} (seed 6858741454921476351): a streamOptimized VMDK cut to its first 1.5 KiB
     * and streamed a byte at a time. Its last 1536 bytes are the whole file, header included, so the cut end is
     * judged as the footer and fails, as the path inspection and larger reads already said; the stream used to
     * call it incomplete because its tail only started with the read that completed the header.
     */
    @Example
    void aCutStreamOptimizedVmdkIsJudgedByItsLastBytesWhateverTheReadSize() {
        byte[] cut = Arrays.copyOf(streamOptimized(), VmdkProbe.FOOTER_BYTES);
        for (int chunk : new int[] {1, 2, 63, 64, 65, 511, 512, 4096}) {
            InspectionResult result = inspectEveryWay(cut, chunk);
            assertThat(result.format()).as("read size %d", chunk).isEqualTo("vmdk");
            assertThat(result.problems())
                    .as("read size %d", chunk)
                    .containsExactly("footer: Header and footer signature do not match");
        }
    }

    @Provide
    Arbitrary<byte[]> seeds() {
        String sparse = TestImages.descriptor("monolithicSparse", "RW 2048 SPARSE \"disk.vmdk\"");
        return Arbitraries.of(
                TestImages.qcow2(1 << 30),
                TestImages.qcow2(1 << 30, 3, 512, 0x04),
                TestImages.vhd(1 << 30),
                TestImages.vdi(1 << 30),
                TestImages.vhdx(1 << 30),
                TestImages.iso(1000, 2048),
                TestImages.gpt(),
                TestImages.mbr(TestImages.partition(0x80, 1, 1, 0, 0x83, 2048, 4000)),
                TestImages.luks(1, 8, 4096),
                TestImages.vmdk(2048, sparse, false),
                streamOptimized(),
                TestImages.descriptor("monolithicFlat", "RW 16 FLAT \"x-flat.vmdk\" 0")
                        .getBytes(StandardCharsets.US_ASCII));
    }

    /** A streamOptimized VMDK: its header and descriptor, then a footer and an end-of-stream marker. */
    private static byte[] streamOptimized() {
        String stream = TestImages.descriptor("streamOptimized", "RW 2048 SPARSE \"disk.vmdk\"");
        byte[] streamHead = TestImages.vmdk(2048, stream, true);
        byte[] footer = new byte[1536];
        footer[12] = 3;
        System.arraycopy(streamHead, 0, footer, 512, 512);
        footer[512 + 56] = 21;
        for (int k = 1; k < 8; k++) {
            footer[512 + 56 + k] = 0;
        }
        return TestImages.concat(streamHead, footer);
    }

    /** Streams, inspects by path, and lets the policy judge; fails on anything but a result or a refusal. */
    private static InspectionResult inspectEveryWay(byte[] data, int chunk) {
        InspectionResult streamed;
        try (InspectingInputStream in = new InspectingInputStream(new ByteArrayInputStream(data), true)) {
            byte[] buffer = new byte[chunk];
            long passed = 0;
            int n;
            while ((n = in.read(buffer, 0, chunk)) >= 0) {
                passed += n;
                assertThat(in.held())
                        .as("held after %d bytes", passed)
                        .isLessThanOrEqualTo(InspectingInputStream.WINDOW_LIMIT);
            }
            assertThat(passed).isEqualTo(data.length);
            streamed = in.result();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(streamed.format()).isNotBlank();
        assertThat(streamed.virtualSize()).isGreaterThanOrEqualTo(-1);
        assertThat(streamed.problems()).allSatisfy(p -> assertThat(p).contains(": "));
        assertThat(fromFile(data)).as("path inspection").isEqualTo(streamed);
        for (FormatPolicy policy : POLICIES) {
            for (String declared : DECLARED) {
                try {
                    assertThat(policy.virtualSize(streamed, declared, data.length))
                            .isGreaterThanOrEqualTo(-1);
                } catch (GlanceException refused) {
                    assertThat(refused.category()).isEqualTo(ErrorCategory.INVALID);
                    assertThat(refused.getMessage()).isNotBlank();
                }
            }
        }
        return streamed;
    }

    private static InspectionResult fromFile(byte[] data) {
        try {
            Path file = Files.createTempFile("glance4j-fuzz", ".img");
            try {
                Files.write(file, data);
                try (CountingChannel channel = new CountingChannel(Files.newByteChannel(file))) {
                    InspectionResult result = FormatInspectors.inspect(channel, true);
                    assertThat(channel.bytesRead())
                            .as("bytes the path inspection read")
                            .isLessThanOrEqualTo(FormatInspectors.READ_LIMIT);
                    return result;
                }
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
