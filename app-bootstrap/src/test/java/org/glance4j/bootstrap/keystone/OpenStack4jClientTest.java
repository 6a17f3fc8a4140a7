package org.glance4j.bootstrap.keystone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openstack4j.api.Builders;
import org.openstack4j.api.OSClient;
import org.openstack4j.model.common.ActionResponse;
import org.openstack4j.model.common.Identifier;
import org.openstack4j.model.common.Payloads;
import org.openstack4j.model.image.v2.ContainerFormat;
import org.openstack4j.model.image.v2.DiskFormat;
import org.openstack4j.model.image.v2.Image;
import org.openstack4j.openstack.OSFactory;

/**
 * A real Java client, openstack4j 3.12 with its default connector, the way a Java application uses a cloud: it
 * authenticates to Keystone v3 with a password scoped to a project, finds glance4j as the {@code image} service in
 * the catalog Keystone returns, and glance4j validates the client's token against the same Keystone.
 */
@ExtendWith(KeystoneServer.class)
class OpenStack4jClientTest {

    @Test
    void openstack4jCreatesUploadsListsDownloadsAndDeletesAnImageThroughTheCatalog(@TempDir Path dir) throws Exception {
        KeystoneServer.Running keystone = KeystoneServer.get();
        try (KeystoneGlance server = KeystoneGlance.start(dir.resolve("glance"), keystone.url())) {
            keystone.registerImageService(server.base.toString());
            Path file = dir.resolve("image.raw");
            String md5 = writePattern(file, 3 * 1024 * 1024 + 17);

            OSClient.OSClientV3 os = OSFactory.builderV3()
                    .endpoint(keystone.url() + "/v3")
                    .credentials(
                            "demo-member", KeystoneServer.Running.password("demo-member"), Identifier.byId("default"))
                    .scopeToProject(Identifier.byName("demo"), Identifier.byId("default"))
                    .authenticate();
            os.useRegion("RegionOne");

            Image created = os.imagesV2()
                    .create(Builders.imageV2()
                            .name("from-openstack4j")
                            .diskFormat(DiskFormat.RAW)
                            .containerFormat(ContainerFormat.BARE)
                            .visibility(Image.ImageVisibility.PRIVATE)
                            .build());
            assertThat(created).as("created through the catalog").isNotNull();
            assertThat(created.getStatus()).isEqualTo(Image.ImageStatus.QUEUED);
            assertThat(created.getOwner()).isEqualTo(keystone.projectId("demo"));
            String id = created.getId();

            ActionResponse uploaded = os.imagesV2().upload(id, Payloads.create(file.toFile()), created);
            assertThat(uploaded.isSuccess()).as("upload: %s", uploaded).isTrue();

            Image active = os.imagesV2().get(id);
            assertThat(active.getStatus()).isEqualTo(Image.ImageStatus.ACTIVE);
            assertThat(active.getSize()).isEqualTo(Files.size(file));
            assertThat(active.getChecksum()).isEqualTo(md5);

            assertThat(os.imagesV2().list()).extracting(Image::getId).contains(id);

            Path downloaded = dir.resolve("downloaded.raw");
            ActionResponse download = os.imagesV2().download(id, downloaded.toFile());
            assertThat(download.isSuccess()).as("download: %s", download).isTrue();
            assertThat(Files.mismatch(downloaded, file)).isEqualTo(-1L);

            ActionResponse deleted = os.imagesV2().delete(id);
            assertThat(deleted.isSuccess()).as("delete: %s", deleted).isTrue();
            assertThat(os.imagesV2().get(id)).as("gone after delete").isNull();
            assertThat(server.call("GET", "/v2/images/" + id, keystone.token("demo-member", "demo"), null)
                            .status())
                    .isEqualTo(404);
        }
    }

    /** Writes {@code size} bytes of a repeating pattern and returns their MD5 in hex. */
    static String writePattern(Path file, int size) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        byte[] block = new byte[8192];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int written = 0; written < size; written += block.length) {
                for (int i = 0; i < block.length; i++) {
                    block[i] = (byte) ((written + i) * 31 + (written + i) / 251);
                }
                int n = Math.min(block.length, size - written);
                out.write(block, 0, n);
                md5.update(block, 0, n);
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }
}
