package org.glance4j.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glance4j.core.format.TestImages.concat;
import static org.glance4j.core.format.TestImages.descriptor;
import static org.glance4j.core.format.TestImages.partition;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each format from headers built in the test, read in chunks of every awkward size. */
class HandBuiltHeaderTest {

    private static InspectionResult inspect(byte[] bytes) {
        InspectionResult whole = Inspect.bytes(bytes);
        for (int chunk : new int[] {1, 7, 511, 513, 4096}) {
            assertThat(Inspect.bytes(bytes, chunk))
                    .as("read in chunks of %d", chunk)
                    .isEqualTo(whole);
        }
        return whole;
    }

    @Test
    void qcow2ReportsItsVirtualSize() {
        assertThat(inspect(TestImages.qcow2(10L << 30))).isEqualTo(new InspectionResult("qcow2", 10L << 30, List.of()));
    }

    @Test
    void qcow2Checks() {
        assertThat(inspect(TestImages.qcow2(1 << 20, 3, 512, 0)).failedChecks()).containsExactly("backing_file");
        assertThat(inspect(TestImages.qcow2(1 << 20, 3, 0, 0x04)).failedChecks())
                .containsExactly("data_file");
        assertThat(inspect(TestImages.qcow2(1 << 20, 3, 0, 0x03)).safe())
                .as("dirty and corrupt bits")
                .isTrue();
        assertThat(inspect(TestImages.qcow2(1 << 20, 3, 0, 0x08)).safe())
                .as("compression type bit")
                .isTrue();
        assertThat(inspect(TestImages.qcow2(1 << 20, 3, 0, 0x10)).failedChecks())
                .containsExactly("unknown_features");
        assertThat(inspect(TestImages.qcow2(1 << 20, 3, 0, 1L << 40)).failedChecks())
                .containsExactly("unknown_features");
        assertThat(inspect(TestImages.qcow2(1 << 20, 2, 0, 1L << 40)).safe())
                .as("v2 has no feature bits")
                .isTrue();
        assertThat(inspect(TestImages.qcow2(1 << 20, 1, 0, 0)).problems())
                .containsExactly("unknown_features: Unsupported qcow2 version 1");
        assertThat(inspect(TestImages.qcow2(1 << 20, 3, 512, 0x14)).failedChecks())
                .containsExactly("backing_file", "data_file", "unknown_features");
    }

    @Test
    void qcow2CutShortOfItsHeaderIsNotQcow2() {
        byte[] cut = java.util.Arrays.copyOf(TestImages.qcow2(1 << 20), 200);
        assertThat(inspect(cut)).isEqualTo(new InspectionResult("raw", 200, List.of()));
    }

    @Test
    void vhdVdiVhdx() {
        assertThat(inspect(TestImages.vhd(3L << 30))).isEqualTo(new InspectionResult("vhd", 3L << 30, List.of()));
        assertThat(inspect(TestImages.vdi(5L << 30))).isEqualTo(new InspectionResult("vdi", 5L << 30, List.of()));
        assertThat(inspect(TestImages.vhdx(7L << 30))).isEqualTo(new InspectionResult("vhdx", 7L << 30, List.of()));
    }

    @Test
    void vhdCutShortIsIncomplete() {
        byte[] cut = java.util.Arrays.copyOf(TestImages.vhd(1 << 20), 100);
        assertThat(inspect(cut).failedChecks()).containsExactly(InspectionResult.INCOMPLETE);
    }

    @Test
    void vhdxWithoutRegionTableIsStillVhdxButWithoutSize() {
        byte[] image = TestImages.vhdx(1 << 20);
        image[192 * 1024] = 'X';
        assertThat(inspect(image)).isEqualTo(new InspectionResult("vhdx", -1, List.of()));
    }

    @Test
    void vmdkHeaderWithABadVersionIsStillVmdkAndRefused() {
        byte[] image = TestImages.vmdk(2048, descriptor("monolithicSparse", "RW 2048 SPARSE \"d.vmdk\""), false);
        image[4] = 9;
        assertThat(inspect(image).problems()).containsExactly("descriptor: No descriptor found");
        image[4] = 1;
        image[28] = 7;
        assertThat(inspect(image).problems()).containsExactly("descriptor: No descriptor found");
    }

    @Test
    void descriptorCutInsideItsCreateTypeIsStillAVmdk() {
        byte[] text = "# Disk DescriptorFile\nversion=1\nCID=8850ccbb\nparentCID=ffffffff\ncreateType=\"monolithicFl"
                .getBytes(StandardCharsets.US_ASCII);
        InspectionResult result = inspect(text);
        assertThat(result.format()).isEqualTo("vmdk");
        assertThat(result.subformat()).isEqualTo("monolithicF");
        assertThat(result.failedChecks()).containsExactly("descriptor");
    }

    @Test
    void isoReportsBlocksTimesBlockSize() {
        assertThat(inspect(TestImages.iso(1000, 2048))).isEqualTo(new InspectionResult("iso", 2048000, List.of()));
    }

    @Test
    void isoWithPartitionTableIsIso() {
        byte[] iso = TestImages.iso(1000, 2048);
        System.arraycopy(TestImages.mbr(partition(0x80, 0, 1, 0, 0x17, 0, 4000)), 0, iso, 0, 512);
        assertThat(inspect(iso).format()).isEqualTo("iso");
    }

    @Test
    void qcow2ThatIsAlsoAnIsoIsTwoFormats() {
        byte[] iso = TestImages.iso(1000, 2048);
        System.arraycopy(TestImages.qcow2(1 << 20), 0, iso, 0, 512);
        InspectionResult result = inspect(iso);
        assertThat(result.format()).isEqualTo("qcow2,iso");
        assertThat(result.failedChecks()).containsExactly(InspectionResult.MULTIPLE_FORMATS);
    }

    @Test
    void gptAndMbrDisks() {
        assertThat(inspect(TestImages.gpt())).isEqualTo(new InspectionResult("gpt", 4096, List.of()));
        byte[] dos = TestImages.mbr(partition(0x80, 1, 1, 0, 0x83, 2048, 4000), partition(0, 0, 0, 0, 0x82, 6048, 100));
        assertThat(inspect(dos)).isEqualTo(new InspectionResult("gpt", 4096, List.of()));
    }

    @Test
    void mbrChecksAreGlances() {
        assertThat(inspect(TestImages.mbr()).problems()).containsExactly("mbr: GPT MBR has no partitions defined");
        assertThat(inspect(TestImages.mbr(partition(0x81, 0, 1, 0, 0x83, 1, 10)))
                        .problems())
                .containsExactly("mbr: MBR PTE 0 has invalid boot flag");
        assertThat(inspect(TestImages.mbr(partition(0, 0, 1, 0, 0xEE, 1, 10))).problems())
                .containsExactly("mbr: GPT MBR has invalid start CHS");
        assertThat(inspect(TestImages.mbr(partition(0, 0, 2, 0, 0xEE, 2, 10))).problems())
                .containsExactly("mbr: GPT MBR has invalid start LBA");
        assertThat(inspect(TestImages.mbr(TestImages.protectivePartition(), partition(0, 0, 0, 0, 0x83, 40, 10)))
                        .problems())
                .containsExactly("mbr: GPT MBR defines invalid extra partitions");
    }

    @Test
    void fatBootSectorIsNotAPartitionTable() {
        byte[] fat = TestImages.mbr();
        fat[0x10] = 2;
        fat[0x15] = (byte) 0xF8;
        assertThat(inspect(fat).format()).isEqualTo("raw");
    }

    @Test
    void luks() {
        assertThat(inspect(TestImages.luks(1, 4096, 1 << 20)))
                .isEqualTo(new InspectionResult("luks", 1 << 20, List.of()));
        assertThat(inspect(TestImages.luks(2, 32, 512)).problems())
                .containsExactly("version: LUKS version 2 is not supported");
    }

    @Test
    void sparseVmdkWithItsOwnExtentIsSafe() {
        byte[] image = TestImages.vmdk(2048, descriptor("monolithicSparse", "RW 2048 SPARSE \"disk.vmdk\""), false);
        assertThat(inspect(image)).isEqualTo(new InspectionResult("vmdk", 2048 * 512, List.of(), "monolithicSparse"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "RW 2048 SPARSE \"/etc/shadow\"",
                "RW 2048 FLAT \"../../x/disk-flat.vmdk\" 0",
                "RDONLY 10 FLAT \"/dev/sda\" 0"
            })
    void extentsWithAPathAreRefused(String extent) {
        byte[] image = TestImages.vmdk(2048, descriptor("monolithicSparse", extent), false);
        assertThat(inspect(image).problems())
                .singleElement()
                .asString()
                .startsWith("descriptor: Invalid extent filenames found");
    }

    @Test
    void descriptorChecks() {
        assertThat(inspect(TestImages.vmdk(8, descriptor("monolithicSparse", ""), false))
                        .problems())
                .containsExactly("descriptor: No extents found");
        assertThat(inspect(TestImages.vmdk(8, descriptor("streamOptimized", "RW 8 SPARSE \"a\"\nwhat is this"), false))
                        .problems())
                .containsExactly("descriptor: Invalid VMDK descriptor data");
        assertThat(inspect(TestImages.vmdk(8, descriptor("vmfs", "RW 8 VMFS \"a-flat.vmdk\""), false))
                        .problems())
                .singleElement()
                .asString()
                .startsWith("descriptor: Unsupported subformat vmfs");
        assertThat(inspect(TestImages.vmdk(8, "version=1\n", false)).problems())
                .singleElement()
                .asString()
                .startsWith("descriptor: Unsupported subformat (no createType)");
    }

    @Test
    void bareTextDescriptorIsAVmdkAndRefused() {
        byte[] text = descriptor("monolithicFlat", "RW 16384 FLAT \"disk-flat.vmdk\" 0")
                .getBytes(StandardCharsets.US_ASCII);
        InspectionResult result = inspect(text);
        assertThat(result.format()).isEqualTo("vmdk");
        assertThat(result.subformat()).isEqualTo("monolithicFlat");
        assertThat(result.failedChecks()).containsExactly("descriptor");
    }

    @Test
    void bareTextDescriptorClaimingSparseIsRefusedToo() {
        byte[] text = descriptor("monolithicSparse", "RW 16384 SPARSE \"other-image.vmdk\"")
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(inspect(text).problems())
                .containsExactly(
                        "descriptor: A VMDK descriptor without its sparse " + "extent names extents outside the image");
    }

    @Test
    void textWithoutCreateTypeIsRaw() {
        byte[] text = "hello world, this is just a text file\n".repeat(40).getBytes(StandardCharsets.US_ASCII);
        assertThat(inspect(text)).isEqualTo(new InspectionResult("raw", text.length, List.of()));
    }

    @Test
    void streamOptimizedFooterMustRepeatTheHeader() {
        byte[] head = TestImages.vmdk(2048, descriptor("streamOptimized", "RW 2048 SPARSE \"s.vmdk\""), true);
        byte[] good = concat(head, footer(head, 21, 3), eos());
        assertThat(inspect(good)).isEqualTo(new InspectionResult("vmdk", 2048 * 512, List.of(), "streamOptimized"));
        assertThat(inspect(concat(head, footer(head, -1, 3), eos())).problems())
                .containsExactly("footer: Footer indicates another footer");
        assertThat(inspect(concat(head, footer(head, 21, 2), eos())).problems())
                .containsExactly("footer: Footer marker is invalid");
        byte[] badEos = eos();
        badEos[100] = 1;
        assertThat(inspect(concat(head, footer(head, 21, 3), badEos)).problems())
                .containsExactly("footer: End-of-stream marker is invalid");
        byte[] otherDescriptor = footer(head, 21, 3);
        otherDescriptor[512 + 28] = 5;
        assertThat(inspect(concat(head, otherDescriptor, eos())).problems())
                .containsExactly("footer: Footer specifies a different descriptor than header");
    }

    /** A footer marker (type) and a copy of the header with the given grain directory offset. */
    private static byte[] footer(byte[] head, long gdOffset, int markerType) {
        byte[] out = new byte[1024];
        out[12] = (byte) markerType;
        System.arraycopy(head, 0, out, 512, 512);
        java.nio.ByteBuffer.wrap(out).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(512 + 56, gdOffset);
        return out;
    }

    private static byte[] eos() {
        return new byte[512];
    }

    @Test
    void qedIsBanned() {
        byte[] qed = new byte[1024];
        System.arraycopy(new byte[] {'Q', 'E', 'D', 0}, 0, qed, 0, 4);
        assertThat(inspect(qed).problems()).containsExactly("banned: This file format is not allowed");
    }

    @Test
    void emptyAndTinyStreamsAreRaw() {
        assertThat(inspect(new byte[0])).isEqualTo(new InspectionResult("raw", -1, List.of()));
        assertThat(inspect(new byte[] {'Q', 'F', 'I'})).isEqualTo(new InspectionResult("raw", 3, List.of()));
    }

    @Test
    void resultBeforeTheEndSeesWhatPassed() throws Exception {
        byte[] image = TestImages.qcow2(1 << 20, 3, 512, 0);
        try (InspectingInputStream in = new InspectingInputStream(new java.io.ByteArrayInputStream(image))) {
            assertThat(in.readNBytes(100)).hasSize(100);
            assertThat(in.result().format()).isEqualTo("raw");
            assertThat(in.readNBytes(600)).hasSize(600);
            assertThat(in.result().failedChecks()).containsExactly("backing_file");
            assertThat(in.skip(10_000)).isEqualTo(image.length - 700);
            assertThat(in.read()).isEqualTo(-1);
            assertThat(in.bytesRead()).isEqualTo(image.length);
        }
    }

    @Test
    void bytesPassUnchanged() throws Exception {
        byte[] image = TestImages.vhdx(1 << 20);
        try (InspectingInputStream in = new InspectingInputStream(new java.io.ByteArrayInputStream(image))) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int b;
            for (int k = 0; k < 1000 && (b = in.read()) >= 0; k++) {
                out.write(b);
            }
            in.transferTo(out);
            assertThat(out.toByteArray()).isEqualTo(image);
            assertThat(in.result().format()).isEqualTo("vhdx");
        }
    }
}
