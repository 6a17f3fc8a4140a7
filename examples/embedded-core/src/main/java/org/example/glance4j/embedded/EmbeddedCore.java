package org.example.glance4j.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.glance4j.core.GlanceCore;
import org.glance4j.jdbc.JdbcRepositories;
import org.glance4j.jdbc.JdbcSettings;
import org.glance4j.ports.in.ImageDownload;
import org.glance4j.ports.in.ListParameters;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.storage.file.FilesystemImageStore;
import org.glance4j.storage.file.FilesystemStoreSettings;

/**
 * glance4j's core in a plain Java program, without HTTP and without Guice: image records in a SQLite file, image data
 * in a directory, and one image created, uploaded, listed, downloaded and deleted. See docs/embedding.md.
 *
 * <p>Usage: {@code java -cp ... org.example.glance4j.embedded.EmbeddedCore [DATA_DIR]} (default
 * {@code ./glance4j-data}). It prints one line per step and exits 0.
 */
public final class EmbeddedCore {

    private EmbeddedCore() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "glance4j-data"));
        try (JdbcRepositories db = JdbcRepositories.open(JdbcSettings.sqlite(dir.resolve("glance.sqlite"), 4));
                GlanceCore core = GlanceCore.builder().images(db.images()).members(db.members())
                        .stores(List.of(FilesystemImageStore.open("file", FilesystemStoreSettings.of(dir.resolve(
                                "images")))), "file").build()) {
            RequestContext me = new RequestContext("req-embedded-1", "me", "my-project", Set.of("member", "reader"));
            Image image = core.images().create(me, Map.of("name", "demo", "disk_format", "raw",
                    "container_format", "bare"));
            image = core.imageData().upload(me, image.id(), new ByteArrayInputStream("Hello!\n".getBytes(UTF_8)), -1);
            System.out.println("uploaded " + image.id() + " " + image.status().wireName() + " " + image.size() + "B");
            for (Image listed : core.images().list(me, ListParameters.empty()).images()) {
                System.out.println("listed " + listed.id() + " " + listed.name() + " " + listed.checksum());
            }
            try (ImageDownload download = core.imageData().download(me, image.id(), null)) {
                long copied = Files.copy(download.body(), dir.resolve("demo.raw"), REPLACE_EXISTING);
                System.out.println("downloaded " + copied + " bytes to " + dir.resolve("demo.raw"));
            }
            core.images().delete(me, image.id());
            System.out.println("deleted " + image.id());
        }
    }
}
