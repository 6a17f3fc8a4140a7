package org.glance4j.jdbc.glance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.glance4j.ports.testing.RequiredTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader pages through a Glance database of Glance's own schema ({@code glance-manage db_sync}) by primary key
 * and leaves soft-deleted rows out itself: more than a whole page of deleted images in a row, deleted images
 * between live ones, and deleted properties, tags, members and locations of live images never come out, and every
 * live image comes once, in id order, with its live rows.
 */
class GlanceDatabaseReaderPagingTest {
    private static final int IMAGES = 1_250;

    @TempDir
    Path work;

    private static String id(int n) {
        return String.format("%08d-0000-4000-8000-000000000000", n);
    }

    /** Images 0..549 (a whole page and then some) and every seventh after are soft-deleted. */
    private static boolean deleted(int n) {
        return n < 550 || n % 7 == 0;
    }

    @Test
    void everyLiveImageComesOnceInIdOrderWithItsLiveRowsOnly() throws Exception {
        Path file = glanceDatabase();
        List<String> seen = new ArrayList<>();
        try (GlanceDatabaseReader reader = GlanceDatabaseReader.open("jdbc:sqlite:" + file, null, null)) {
            assertThat(reader.countDeletedImages())
                    .isEqualTo(IMAGES - expectedIds().size());
            reader.forEachImage(record -> {
                String id = record.image().id();
                seen.add(id);
                assertThat(record.image().properties()).as(id).containsOnlyKeys("live");
                assertThat(record.image().tags()).as(id).containsExactly("live-tag");
                assertThat(record.members())
                        .as(id)
                        .extracting(m -> m.memberId())
                        .containsExactly("p-live");
                assertThat(record.locations())
                        .as(id)
                        .extracting(GlanceLocation::url)
                        .containsExactly("file:///glance/" + id);
            });
        }
        assertThat(seen).containsExactlyElementsOf(expectedIds());
    }

    private static List<String> expectedIds() {
        List<String> expected = new ArrayList<>();
        for (int n = 0; n < IMAGES; n++) {
            if (!deleted(n)) {
                expected.add(id(n));
            }
        }
        return expected;
    }

    private Path glanceDatabase() throws Exception {
        Path file = work.resolve("glance.sqlite");
        Path conf = work.resolve("glance-api.conf");
        Files.writeString(conf, "[database]\nconnection = sqlite:///" + file + "\n");
        Path log = work.resolve("db_sync.log");
        Process sync = new ProcessBuilder(glanceManage(), "--config-file", conf.toString(), "db_sync")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(sync.waitFor(300, TimeUnit.SECONDS))
                .as("glance-manage db_sync ended")
                .isTrue();
        assertThat(sync.exitValue()).as(Files.readString(log)).isZero();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.setAutoCommit(false);
            // Inserted in an order unlike the ids', so that only the reader's ORDER BY can give id order.
            try (PreparedStatement images = c.prepareStatement("INSERT INTO images (id, name, status, created_at,"
                            + " deleted, min_disk, min_ram, protected, visibility, os_hidden) VALUES (?, ?, ?,"
                            + " '2024-01-02 03:04:05', ?, 0, 0, 0, 'shared', 0)");
                    PreparedStatement properties = c.prepareStatement("INSERT INTO image_properties (image_id, name,"
                            + " value, created_at, deleted) VALUES (?, ?, 'v', '2024-01-02 03:04:05', ?)");
                    PreparedStatement tags = c.prepareStatement("INSERT INTO image_tags (image_id, value, created_at,"
                            + " deleted) VALUES (?, ?, '2024-01-02 03:04:05', ?)");
                    PreparedStatement members = c.prepareStatement("INSERT INTO image_members (image_id, member,"
                            + " can_share, created_at, deleted, status) VALUES (?, ?, 0, '2024-01-02 03:04:05', ?,"
                            + " 'accepted')");
                    PreparedStatement locations = c.prepareStatement("INSERT INTO image_locations (image_id, value,"
                            + " created_at, deleted, meta_data, status) VALUES (?, ?, '2024-01-02 03:04:05', ?, '{}',"
                            + " 'active')")) {
                for (int k = 0; k < IMAGES; k++) {
                    int n = (k * 389) % IMAGES; // 389 is prime to 1250: every n once
                    String id = id(n);
                    boolean gone = deleted(n);
                    images.setString(1, id);
                    images.setString(2, "image " + n);
                    images.setString(3, gone ? "deleted" : "active");
                    images.setBoolean(4, gone);
                    images.addBatch();
                    for (boolean rowDeleted : new boolean[] {false, true}) {
                        boolean isDeleted = gone || rowDeleted;
                        properties.setString(1, id);
                        properties.setString(2, rowDeleted ? "removed" : "live");
                        properties.setBoolean(3, isDeleted);
                        properties.addBatch();
                        tags.setString(1, id);
                        tags.setString(2, rowDeleted ? "removed-tag" : "live-tag");
                        tags.setBoolean(3, isDeleted);
                        tags.addBatch();
                        members.setString(1, id);
                        members.setString(2, rowDeleted ? "p-former" : "p-live");
                        members.setBoolean(3, isDeleted);
                        members.addBatch();
                        locations.setString(1, id);
                        locations.setString(2, rowDeleted ? "file:///glance/old-" + id : "file:///glance/" + id);
                        locations.setBoolean(3, isDeleted);
                        locations.addBatch();
                    }
                }
                for (PreparedStatement statement : List.of(images, properties, tags, members, locations)) {
                    statement.executeBatch();
                }
            }
            c.commit();
        }
        return file;
    }

    /** glance-manage, or the test is skipped (locally) or fails (under CI=true, where .ci/run installs it). */
    private static String glanceManage() {
        return RequiredTool.program("glance-manage", "glance-common").toString();
    }
}
