package org.glance4j.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Glance's decision table, from master's {@code ImageProxy.set_data}. */
class FormatPolicyTest {

    private final FormatPolicy policy = new FormatPolicy(FormatSettings.defaults());
    private final FormatPolicy lenient =
            new FormatPolicy(new FormatSettings(false, List.of("streamOptimized", "monolithicSparse"), List.of()));

    private static InspectionResult found(String format, long virtualSize, String... problems) {
        return new InspectionResult(format, virtualSize, List.of(problems));
    }

    private static void assertRefused(Runnable check, String message) {
        assertThatThrownBy(check::run).isInstanceOfSatisfying(GlanceException.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.INVALID);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void theDeclaredFormatGivesItsVirtualSize() {
        assertThat(policy.virtualSize(found("qcow2", 1 << 30), "qcow2", 200_000))
                .isEqualTo(1 << 30);
        assertThat(policy.virtualSize(found("raw", 5000), "raw", 5000)).isEqualTo(5000);
        assertThat(policy.virtualSize(found("raw", -1), "raw", 0)).isEqualTo(-1);
        assertThat(policy.virtualSize(new InspectionResult("vmdk", -1, List.of(), "streamOptimized"), "vmdk", 100))
                .isEqualTo(-1);
    }

    @Test
    void anotherFormatIsRefused() {
        assertRefused(
                () -> policy.check(found("raw", 100), "qcow2"),
                "Image disk_format qcow2 does not match stream data raw");
        assertRefused(
                () -> policy.check(found("qcow2", 1 << 20), "vmdk"),
                "Image disk_format vmdk does not match stream data qcow2");
        assertRefused(
                () -> policy.check(found("qcow2", 1 << 20), "ami"),
                "Image disk_format ami does not match stream data qcow2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ami", "ari", "aki", "ploop"})
    void formatsWithoutInspectorPassWhenNothingIsRecognised(String declared) {
        assertThat(policy.virtualSize(found("raw", 4096), declared, 4096)).isEqualTo(-1);
    }

    @Test
    void anythingPassesAsRawWithItsByteCountAsVirtualSize() {
        assertThat(policy.virtualSize(found("gpt", 4096), "raw", 4096)).isEqualTo(4096);
        assertThat(policy.virtualSize(found("qcow2", 1L << 30), "raw", 196_616)).isEqualTo(196_616);
        assertThat(policy.virtualSize(found("iso", 2048000), "raw", 2048000)).isEqualTo(2048000);
    }

    @Test
    void safetyFailuresAreRefusedWhateverWasDeclared() {
        InspectionResult backed = found("qcow2", 1 << 20, "backing_file: Image has a backing file");
        assertRefused(() -> policy.check(backed, "qcow2"), "Image failed safety checks: Image has a backing file");
        assertRefused(() -> policy.check(backed, "raw"), "Image failed safety checks: Image has a backing file");
        assertRefused(() -> lenient.check(backed, "qcow2"), "Image failed safety checks: Image has a backing file");
        assertRefused(
                () -> policy.check(found("gpt", 4096, "mbr: GPT MBR has no partitions defined"), "raw"),
                "Image failed safety checks: GPT MBR has no partitions defined");
        assertRefused(
                () -> policy.check(found("qcow2", 1, "backing_file: a", "data_file: b"), "qcow2"),
                "Image failed safety checks: a; b");
    }

    @Test
    void mismatchComesBeforeSafety() {
        assertRefused(
                () -> policy.check(found("qcow2", 1 << 20, "backing_file: Image has a backing file"), "vhd"),
                "Image disk_format vhd does not match stream data qcow2");
    }

    @Test
    void gptChecksCanBeMadeNonFatal() {
        FormatPolicy relaxed = new FormatPolicy(new FormatSettings(true, List.of("monolithicSparse"), List.of("mbr")));
        InspectionResult noPartitions = found("gpt", 4096, "mbr: GPT MBR has no partitions defined");
        assertThat(relaxed.virtualSize(noPartitions, "raw", 4096)).isEqualTo(4096);
        assertRefused(() -> relaxed.check(found("qcow2", 1, "mbr: odd"), "qcow2"), "Image failed safety checks: odd");
    }

    @Test
    void multipleFormatsAndIncompleteFilesAreFormatErrors() {
        InspectionResult both = found("qcow2,iso", -1, "multiple_formats: Multiple formats detected: qcow2,iso");
        assertRefused(() -> policy.check(both, "iso"), "Multiple formats detected: qcow2,iso");
        assertRefused(() -> policy.check(both, "raw"), "Multiple formats detected: qcow2,iso");
        InspectionResult cut = found("vhd", -1, "incomplete: Incomplete file cannot be safety checked");
        assertRefused(() -> policy.check(cut, "vhd"), "Incomplete file cannot be safety checked");
        assertThat(lenient.virtualSize(both, "iso", 10)).isEqualTo(-1);
        assertThat(lenient.virtualSize(cut, "vhd", 10)).isEqualTo(-1);
        assertThat(lenient.virtualSize(found("raw", 100), "qcow2", 100)).isEqualTo(-1);
    }

    @Test
    void vmdkMustBeOfAnAllowedType() {
        InspectionResult sparse = new InspectionResult("vmdk", 1 << 20, List.of(), "monolithicSparse");
        assertThat(policy.virtualSize(sparse, "vmdk", 100)).isEqualTo(1 << 20);
        FormatPolicy streamOnly = new FormatPolicy(new FormatSettings(true, List.of("STREAMOPTIMIZED"), List.of()));
        assertThat(streamOnly.virtualSize(new InspectionResult("vmdk", 8, List.of(), "streamOptimized"), "vmdk", 1))
                .isEqualTo(8);
        assertRefused(
                () -> streamOnly.check(sparse, "vmdk"),
                "Image failed safety checks: VMDK createType "
                        + "monolithicSparse is not among the allowed types [STREAMOPTIMIZED]");
        FormatPolicy none = new FormatPolicy(new FormatSettings(true, List.of(), List.of()));
        assertThatThrownBy(() -> none.check(sparse, "vmdk")).isInstanceOf(GlanceException.class);
    }

    @Test
    void onlyBareContainersAreInspected() {
        assertThat(policy.inspects("bare")).isTrue();
        assertThat(policy.inspects("ovf")).isFalse();
        assertThat(policy.inspects(null)).isFalse();
    }
}
