package org.glance4j.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.importing.DiskImageInfo;
import org.glance4j.ports.out.importing.DiskImageToolException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real qemu-img (qemu-utils) on staged files: the facts it reports, conversion in place, its failures. */
class QemuImgToolTest {

    private static final String IMAGE = "9e0f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b";
    private static final long FOUR_MIB = 4L << 20;

    @TempDir
    Path dir;

    private FileStagingArea staging;
    private QemuImgTool tool;

    @BeforeEach
    void setUp() {
        staging = new FileStagingArea(dir.resolve("staging"));
        tool = new QemuImgTool(staging, "qemu-img");
    }

    /** Makes an image with {@code qemu-img create} in the work directory (outside staging). */
    private Path create(String name, String format, String... options) throws Exception {
        Path file = dir.resolve(name);
        List<String> argv = new ArrayList<>(List.of("qemu-img", "create", "-f", format));
        argv.addAll(List.of(options));
        argv.addAll(List.of(file.toString(), "4M"));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return file;
    }

    private void stage(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            staging.write(IMAGE, in);
        }
    }

    @Test
    void infoReportsFormatAndVirtualSizeOfAPlainImage() throws Exception {
        stage(create("plain.qcow2", "qcow2"));

        DiskImageInfo info = tool.info(IMAGE, "qcow2");

        assertThat(info).isEqualTo(new DiskImageInfo("qcow2", FOUR_MIB, null, null));
    }

    @Test
    void infoReportsABackingFileAndAnExternalDataFile() throws Exception {
        Path base = create("base.qcow2", "qcow2");
        stage(create("overlay.qcow2", "qcow2", "-b", base.toString(), "-F", "qcow2"));
        assertThat(tool.info(IMAGE, "qcow2").backingFile()).isEqualTo(base.toString());

        staging.delete(IMAGE);
        Path data = dir.resolve("external.raw");
        stage(create("with-data-file.qcow2", "qcow2", "-o", "data_file=" + data));
        assertThat(tool.info(IMAGE, "qcow2").dataFile()).isEqualTo(data.toString());
    }

    @Test
    void convertReplacesTheStagedDataAndLeavesNoWorkFile() throws Exception {
        stage(create("to-convert.qcow2", "qcow2"));
        long qcowSize = staging.size(IMAGE).orElseThrow();

        tool.convert(IMAGE, "qcow2", "raw");

        assertThat(staging.size(IMAGE)).hasValue(FOUR_MIB);
        assertThat(qcowSize).isLessThan(FOUR_MIB);
        assertThat(tool.info(IMAGE, "raw")).isEqualTo(new DiskImageInfo("raw", FOUR_MIB, null, null));
        try (Stream<Path> files = Files.list(staging.dir())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(IMAGE);
        }
    }

    @Test
    void dataThatIsNotTheGivenFormatIsAFailureWithWhatQemuImgSaid() throws Exception {
        staging.write(IMAGE, new java.io.ByteArrayInputStream(new byte[4096]));

        assertThatThrownBy(() -> tool.info(IMAGE, "qcow2")).isInstanceOfSatisfying(DiskImageToolException.class, e -> {
            assertThat(e.failure()).isEqualTo(DiskImageToolException.Failure.FAILED);
            assertThat(e.operation()).isEqualTo("info");
            assertThat(e.detail()).isNotBlank();
        });
        assertThatThrownBy(() -> tool.convert(IMAGE, "qcow2", "raw"))
                .isInstanceOfSatisfying(
                        DiskImageToolException.class,
                        e -> assertThat(e.failure()).isEqualTo(DiskImageToolException.Failure.FAILED));
        assertThat(staging.size(IMAGE)).hasValue(4096);
    }

    @Test
    void aCommandThatCannotRunIsSaidSo() throws Exception {
        stage(create("any.qcow2", "qcow2"));
        QemuImgTool missing =
                new QemuImgTool(staging, dir.resolve("no-such-qemu-img").toString());

        assertThatThrownBy(() -> missing.info(IMAGE, "qcow2"))
                .isInstanceOfSatisfying(DiskImageToolException.class, e -> {
                    assertThat(e.failure()).isEqualTo(DiskImageToolException.Failure.CANNOT_RUN);
                    assertThat(e.detail()).endsWith("no-such-qemu-img");
                });
    }

    @Test
    void anImageWithoutStagedDataIsNotFound() {
        assertThatThrownBy(() -> tool.info(IMAGE, "raw"))
                .isInstanceOfSatisfying(
                        GlanceException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.NOT_FOUND));
    }
}
