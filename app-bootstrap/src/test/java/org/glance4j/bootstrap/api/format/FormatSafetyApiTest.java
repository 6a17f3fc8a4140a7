package org.glance4j.bootstrap.api.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.glance4j.bootstrap.api.Api;
import org.glance4j.bootstrap.api.ApiResponse;
import org.glance4j.bootstrap.api.ApiTarget;
import org.glance4j.bootstrap.api.Personas;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads of hostile and of safe disk images made by qemu-img, as Glance master judges them on
 * {@code PUT /v2/images/{id}/file} (glance/location.py {@code ImageProxy.set_data} with oslo.utils' format
 * inspector; glance/api/v2/image_data.py answers {@code InvalidImageData} with 415 and puts the image back to
 * queued). Glance 25.1.0 does not inspect uploads, hence the tag.
 */
@ExtendWith(ApiTarget.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("glance-master-differs")
class FormatSafetyApiTest {
    private static final String SAFETY = "Image failed safety checks";

    private final Personas people = new Personas();

    @TempDir
    Path dir;

    @BeforeAll
    void tools() {
        QemuImages.require();
    }

    /** qemu-img in this test's own directory. */
    private QemuImages qemu() {
        return new QemuImages(dir);
    }

    private String queued(String diskFormat, String containerFormat) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "format-" + UUID.randomUUID());
        body.put("disk_format", diskFormat);
        body.put("container_format", containerFormat);
        ApiResponse created = Api.as(people.memberA).post("/v2/images", body);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private ApiResponse upload(String id, byte[] bytes) {
        return Api.as(people.memberA)
                .putBytes("/v2/images/" + id + "/file", "application/octet-stream", bytes, Map.of());
    }

    private JsonNode show(String id) {
        ApiResponse response = Api.as(people.memberA).get("/v2/images/" + id);
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        return response.json();
    }

    /** Uploads as the declared format and expects Glance's 415 with the reason, and the image queued, empty. */
    private void assertRefused(String diskFormat, byte[] bytes, String reason) {
        String id = queued(diskFormat, "bare");
        ApiResponse response = upload(id, bytes);
        assertThat(response.status()).as("%s", response).isEqualTo(415);
        String message = response.json().get("message").asText();
        assertThat(message).as("%s", response).contains(reason);
        assertThat(message).doesNotContain("<br");
        JsonNode image = show(id);
        assertThat(image.get("status").asText()).isEqualTo("queued");
        assertThat(image.get("size").isNull()).as("%s", image).isTrue();
        assertThat(image.get("virtual_size").isNull()).as("%s", image).isTrue();
        assertThat(image.get("checksum").isNull()).as("%s", image).isTrue();
        assertThat(Api.as(people.memberA)
                        .getBytes("GET", "/v2/images/" + id + "/file", Map.of())
                        .status())
                .as("no data")
                .isEqualTo(204);
    }

    /** Uploads as the declared format and expects 204, an active image and this virtual size (null: -1). */
    private JsonNode assertAccepted(String diskFormat, String containerFormat, byte[] bytes, long virtualSize) {
        String id = queued(diskFormat, containerFormat);
        ApiResponse response = upload(id, bytes);
        assertThat(response.status()).as("%s", response).isEqualTo(204);
        JsonNode image = show(id);
        assertThat(image.get("status").asText()).isEqualTo("active");
        assertThat(image.get("size").asLong()).isEqualTo(bytes.length);
        if (virtualSize < 0) {
            assertThat(image.get("virtual_size").isNull()).as("%s", image).isTrue();
        } else {
            assertThat(image.get("virtual_size").asLong()).as("%s", image).isEqualTo(virtualSize);
        }
        return image;
    }

    // ---- hostile

    @Test
    void qcow2WithABackingFileIs415() {
        qemu().create("base.qcow2", "qcow2", "16M");
        byte[] child = qemu().create("child.qcow2", "qcow2", "16M", "-b", "base.qcow2", "-F", "qcow2");
        assertRefused("qcow2", child, SAFETY + ": Image has a backing file");
    }

    @Test
    void qcow2WithABackingFileDeclaredRawIs415() {
        qemu().create("base2.qcow2", "qcow2", "16M");
        byte[] child = qemu().create("child2.qcow2", "qcow2", "16M", "-b", "/etc/hostname", "-F", "raw");
        assertRefused("raw", child, SAFETY + ": Image has a backing file");
    }

    @Test
    void qcow2WithAnExternalDataFileIs415() {
        byte[] image = qemu().create("ext.qcow2", "qcow2", "16M", "-o", "data_file=ext.raw");
        assertRefused("qcow2", image, SAFETY + ": Image has data_file set");
    }

    @Test
    void monolithicFlatVmdkDescriptorIs415() {
        byte[] descriptor = qemu().create("flat.vmdk", "vmdk", "8M", "-o", "subformat=monolithicFlat");
        assertRefused("vmdk", descriptor, SAFETY + ": Unsupported subformat monolithicFlat");
    }

    @Test
    void twoGbMaxExtentFlatVmdkDescriptorIs415() {
        byte[] descriptor = qemu().create("split.vmdk", "vmdk", "8M", "-o", "subformat=twoGbMaxExtentFlat");
        assertRefused("vmdk", descriptor, SAFETY + ": Unsupported subformat twoGbMaxExtentFlat");
    }

    @Test
    void sparseVmdkWhoseDescriptorNamesAHostFileIs415() {
        byte[] sparse = qemu().create("evil.vmdk", "vmdk", "8M", "-o", "subformat=monolithicSparse");
        assertRefused(
                "vmdk",
                QemuImages.replace(sparse, "SPARSE \"evil.vmdk\"", "FLAT \"/etc/shadow\" 0"),
                SAFETY + ": Invalid extent filenames found");
    }

    @Test
    void rawBytesDeclaredQcow2Are415() {
        assertRefused("qcow2", random(8192), "Image disk_format qcow2 does not match stream data raw");
    }

    @Test
    void qcow2BytesDeclaredVmdkAre415() {
        byte[] image = qemu().create("mis.qcow2", "qcow2", "16M");
        assertRefused("vmdk", image, "Image disk_format vmdk does not match stream data qcow2");
    }

    @Test
    void qcow2BytesDeclaredAmiAre415() {
        byte[] image = qemu().create("ami.qcow2", "qcow2", "16M");
        assertRefused("ami", image, "Image disk_format ami does not match stream data qcow2");
    }

    @Test
    void rawDiskWithAnInvalidPartitionTableIs415() {
        byte[] disk = new byte[8192];
        disk[510] = 0x55;
        disk[511] = (byte) 0xAA;
        assertRefused("raw", disk, SAFETY + ": GPT MBR has no partitions defined");
        disk[446] = 0x7F;
        disk[446 + 4] = (byte) 0x83;
        assertRefused("raw", disk, SAFETY + ": MBR PTE 0 has invalid boot flag");
    }

    @Test
    void qedIs415WhateverItClaims() {
        byte[] image = qemu().create("a.qed", "qed", "16M");
        assertRefused("raw", image, SAFETY + ": This file format is not allowed");
    }

    @Test
    void aTruncatedVhdIs415() {
        byte[] image = qemu().create("cut.vhd", "vpc", "16M");
        assertRefused("vhd", java.util.Arrays.copyOf(image, 300), "Incomplete file cannot be safety checked");
    }

    // ---- safe

    @Test
    void plainQcow2BecomesActiveWithItsVirtualSize() {
        byte[] image = qemu().create("plain.qcow2", "qcow2", "64M");
        assertAccepted("qcow2", "bare", image, 64L << 20);
    }

    @Test
    void qcow2DeclaredRawIsKeptAsRawWithItsSizeAsVirtualSize() {
        byte[] image = qemu().create("as-raw.qcow2", "qcow2", "64M");
        assertAccepted("raw", "bare", image, image.length);
    }

    @Test
    void otherSafeFormatsBecomeActiveWithTheirVirtualSize() {
        qemu().run("create", "-q", "-f", "raw", "src.raw", "4M");
        qemu().run("convert", "-f", "raw", "-O", "vmdk", "-o", "subformat=streamOptimized", "src.raw", "s.vmdk");
        assertAccepted("vmdk", "bare", qemu().bytes("s.vmdk"), 4L << 20);
        assertAccepted(
                "vmdk", "bare", qemu().create("m.vmdk", "vmdk", "32M", "-o", "subformat=monolithicSparse"), 32L << 20);
        assertAccepted("vhdx", "bare", qemu().create("a.vhdx", "vhdx", "64M"), 64L << 20);
        assertAccepted("vdi", "bare", qemu().create("a.vdi", "vdi", "64M"), 64L << 20);
        assertAccepted("iso", "bare", iso(300), 300 * 2048);
    }

    @Test
    void rawDiskWithAPartitionTableIsRaw() {
        byte[] disk = new byte[8192];
        ByteBuffer b = ByteBuffer.wrap(disk).order(ByteOrder.LITTLE_ENDIAN);
        b.put(446 + 2, (byte) 2).put(446 + 4, (byte) 0xEE).putInt(446 + 8, 1).putInt(446 + 12, 15);
        disk[510] = 0x55;
        disk[511] = (byte) 0xAA;
        assertAccepted("raw", "bare", disk, disk.length);
    }

    @Test
    void imagesInOtherContainersAreNotInspected() {
        qemu().create("base3.qcow2", "qcow2", "16M");
        byte[] child = qemu().create("child3.qcow2", "qcow2", "16M", "-b", "base3.qcow2", "-F", "qcow2");
        assertAccepted("qcow2", "ovf", child, -1);
    }

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        data[510] = 0;
        return data;
    }

    /** An ISO 9660 image of {@code blocks} 2 KiB blocks with just its primary volume descriptor. */
    private static byte[] iso(int blocks) {
        ByteBuffer b = ByteBuffer.allocate(blocks * 2048).order(ByteOrder.LITTLE_ENDIAN);
        int pvd = 16 * 2048;
        b.put(pvd, (byte) 1)
                .put(pvd + 1, "CD001".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put(pvd + 6, (byte) 1);
        b.putInt(pvd + 80, blocks).putShort(pvd + 128, (short) 2048);
        b.put(pvd + 2048, (byte) 0xFF).put(pvd + 2049, "CD001".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return b.array();
    }
}
