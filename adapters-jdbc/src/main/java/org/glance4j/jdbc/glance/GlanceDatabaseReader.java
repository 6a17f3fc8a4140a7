package org.glance4j.jdbc.glance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageMember;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.MemberStatus;
import org.glance4j.ports.model.Visibility;
import org.sqlite.SQLiteConfig;

/**
 * Reads the images of an OpenStack Glance database (SQLite, PostgreSQL or MariaDB/MySQL) without changing it: a
 * SQLite file is opened read-only, the others are only queried. Images come in pages in id order, each with its
 * properties, tags, members and locations that are not soft-deleted, so no more than one page is held at a time.
 *
 * <p>Only schema revisions whose image tables glance4j knows are read (Glance's {@code alembic_version}); opening
 * any other database throws {@link UnsupportedGlanceSchemaException} naming what was found.
 */
public final class GlanceDatabaseReader implements AutoCloseable {

    /**
     * The alembic revisions whose images, image_properties, image_tags, image_members and image_locations tables
     * have the shape read here: Wallaby (as written by Debian's Glance 25.1.0, Zed) up to 2024.1.
     */
    public static final Set<String> KNOWN_REVISIONS = Set.of(
            "wallaby_contract01",
            "xena_contract01",
            "yoga_contract01",
            "zed_contract01",
            "2023_1_contract01",
            "2024_1_contract01",
            "2024_1_expand01");

    private static final int PAGE = 500;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final Connection connection;
    private final String revision;

    private GlanceDatabaseReader(Connection connection, String revision) {
        this.connection = connection;
        this.revision = revision;
    }

    /**
     * Opens a Glance database and checks its schema revision.
     *
     * @param jdbcUrl  {@code jdbc:sqlite:FILE}, {@code jdbc:postgresql://...} or {@code jdbc:mariadb://...}
     * @param user     the user, or null (SQLite)
     * @param password the password, or null
     * @throws UnsupportedGlanceSchemaException when the database has no {@code alembic_version} or an unknown
     *                                          revision (naming it), or a SQLite file does not exist
     * @throws IllegalStateException            when the database cannot be reached
     */
    public static GlanceDatabaseReader open(String jdbcUrl, String user, String password) {
        Connection connection;
        try {
            if (jdbcUrl.startsWith("jdbc:sqlite:")) {
                Path file = Path.of(jdbcUrl.substring("jdbc:sqlite:".length()));
                if (!Files.isRegularFile(file)) {
                    throw new UnsupportedGlanceSchemaException(
                            "there is no Glance database at " + file + ": the file does not exist");
                }
                SQLiteConfig config = new SQLiteConfig();
                config.setReadOnly(true);
                connection = config.createConnection("jdbc:sqlite:" + file);
            } else {
                connection = DriverManager.getConnection(jdbcUrl, user, password);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the Glance database: " + e.getMessage(), e);
        }
        try {
            String revision = revisionOf(connection);
            if (!KNOWN_REVISIONS.contains(revision)) {
                throw new UnsupportedGlanceSchemaException("the Glance database has schema revision '" + revision
                        + "', which glance4j cannot import; it reads "
                        + String.join(", ", KNOWN_REVISIONS.stream().sorted().toList())
                        + " (run glance-manage db_sync of a newer"
                        + " Glance first when it is older)");
            }
            return new GlanceDatabaseReader(connection, revision);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private static String revisionOf(Connection connection) {
        try (PreparedStatement statement = connection.prepareStatement("SELECT version_num FROM alembic_version");
                ResultSet rows = statement.executeQuery()) {
            List<String> revisions = new ArrayList<>();
            while (rows.next()) {
                revisions.add(rows.getString(1));
            }
            if (revisions.size() != 1) {
                throw new UnsupportedGlanceSchemaException("the Glance database has " + revisions.size()
                        + " schema revisions in alembic_version (" + String.join(", ", revisions)
                        + "); glance4j imports a database at exactly one");
            }
            return revisions.get(0);
        } catch (SQLException e) {
            throw new UnsupportedGlanceSchemaException("this is not a Glance database: it has no readable"
                    + " alembic_version table (" + e.getMessage() + ")");
        }
    }

    /** The schema revision found in {@code alembic_version}. */
    public String revision() {
        return revision;
    }

    /** How many images are soft-deleted ({@code deleted} set); these are not handed out. */
    public long countDeletedImages() {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT COUNT(*) FROM images WHERE deleted = ?")) {
            statement.setBoolean(1, true);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw failure("count the deleted images", e);
        }
    }

    /** How many images are not soft-deleted: those {@link #forEachImage} hands out. */
    public long countImages() {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT COUNT(*) FROM images WHERE deleted = ?")) {
            statement.setBoolean(1, false);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw failure("count the images", e);
        }
    }

    /** The images Glance soft-deleted, read over the same connection. */
    public GlanceDeletedImageReader deletedImages() {
        return new GlanceDeletedImageReader(connection);
    }

    /** The tasks with their results, read over the same connection. */
    public GlanceTaskReader tasks() {
        return new GlanceTaskReader(connection);
    }

    /** The metadefs catalog, read over the same connection. */
    public GlanceMetadefReader metadefs() {
        return new GlanceMetadefReader(connection);
    }

    /**
     * Hands every image that is not soft-deleted to {@code action}, in id order, one page at a time.
     *
     * @throws IllegalStateException when reading fails, or a row holds a value Glance never writes (naming it)
     */
    public void forEachImage(Consumer<GlanceImageRecord> action) {
        String after = "";
        while (true) {
            List<Image.Builder> page = new ArrayList<>();
            String last = imagesAfter(after, page);
            if (last == null) {
                return;
            }
            after = last;
            if (page.isEmpty()) {
                continue;
            }
            List<String> ids = page.stream().map(b -> b.build().id()).toList();
            Map<String, Map<String, String>> properties = properties(ids);
            Map<String, List<String>> tags = tags(ids);
            Map<String, List<ImageMember>> members = members(ids);
            Map<String, List<GlanceLocation>> locations = locations(ids);
            for (int k = 0; k < page.size(); k++) {
                String id = ids.get(k);
                Image image = page.get(k)
                        .properties(properties.getOrDefault(id, Map.of()))
                        .tags(tags.getOrDefault(id, List.of()))
                        .build();
                action.accept(new GlanceImageRecord(
                        image, members.getOrDefault(id, List.of()), locations.getOrDefault(id, List.of())));
            }
        }
    }

    /**
     * Reads the next {@link #PAGE} rows of {@code images} after {@code after} in id order (the primary key, so every
     * page costs the same however far the import is) into {@code page}, leaving out the soft-deleted ones here
     * rather than in SQL: a condition on {@code deleted} leads SQLite to Glance's index on that column, which
     * matches nearly every row, instead of the key.
     *
     * @return the last id read, deleted or not, or null when there was none
     */
    private String imagesAfter(String after, List<Image.Builder> page) {
        String sql = "SELECT id, name, size, status, created_at, updated_at, disk_format, container_format, checksum,"
                + " owner, min_disk, min_ram, protected, virtual_size, visibility, os_hidden, os_hash_algo,"
                + " os_hash_value, deleted FROM images WHERE id > ? ORDER BY id LIMIT " + PAGE;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, after);
            String last = null;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString("id");
                    last = id;
                    if (rows.getBoolean("deleted")) {
                        continue;
                    }
                    Instant created = instant(rows.getString("created_at"));
                    Instant updated =
                            rows.getString("updated_at") == null ? created : instant(rows.getString("updated_at"));
                    page.add(withImageColumns(Image.builder(id, created).updatedAt(updated), rows)
                            .status(status(id, rows.getString("status")))
                            .visibility(visibility(id, rows.getString("visibility"))));
                }
            }
            return last;
        } catch (SQLException e) {
            throw failure("read the images", e);
        }
    }

    private Map<String, Map<String, String>> properties(List<String> ids) {
        Map<String, Map<String, String>> result = new HashMap<>();
        query("SELECT image_id, name, value, deleted FROM image_properties", ids, "", rows -> {
            String value = rows.getString("value");
            result.computeIfAbsent(rows.getString("image_id"), k -> new TreeMap<>())
                    .put(rows.getString("name"), value == null ? "" : value);
        });
        return result;
    }

    private Map<String, List<String>> tags(List<String> ids) {
        Map<String, List<String>> result = new HashMap<>();
        query(
                "SELECT image_id, value, deleted FROM image_tags",
                ids,
                " ORDER BY created_at, id",
                rows -> result.computeIfAbsent(rows.getString("image_id"), k -> new ArrayList<>())
                        .add(rows.getString("value")));
        return result;
    }

    private Map<String, List<ImageMember>> members(List<String> ids) {
        Map<String, List<ImageMember>> result = new HashMap<>();
        query(
                "SELECT image_id, member, status, created_at, updated_at, deleted FROM image_members",
                ids,
                " ORDER BY created_at, id",
                rows -> {
                    String imageId = rows.getString("image_id");
                    MemberStatus status = MemberStatus.fromWire(rows.getString("status"));
                    if (status == null) {
                        throw new IllegalStateException("image " + imageId + " has a member with the status '"
                                + rows.getString("status") + "', which Glance never writes");
                    }
                    Instant created = instant(rows.getString("created_at"));
                    Instant updated =
                            rows.getString("updated_at") == null ? created : instant(rows.getString("updated_at"));
                    result.computeIfAbsent(imageId, k -> new ArrayList<>())
                            .add(new ImageMember(imageId, rows.getString("member"), status, created, updated));
                });
        return result;
    }

    private Map<String, List<GlanceLocation>> locations(List<String> ids) {
        Map<String, List<GlanceLocation>> result = new HashMap<>();
        query(
                "SELECT image_id, value, meta_data, status, deleted FROM image_locations",
                ids,
                " ORDER BY id",
                rows -> result.computeIfAbsent(rows.getString("image_id"), k -> new ArrayList<>())
                        .add(new GlanceLocation(
                                rows.getString("value"),
                                metadata(rows.getString("meta_data")),
                                rows.getString("status"))));
        return result;
    }

    private interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }

    /**
     * Runs {@code select} (which reads {@code deleted} too) for the rows of these images and hands over those that are
     * not soft-deleted; they are left out here, not in SQL, for the reason given at {@link #imagesAfter}.
     */
    private void query(String select, List<String> ids, String order, RowReader reader) {
        String sql =
                select + " WHERE image_id IN (" + String.join(",", Collections.nCopies(ids.size(), "?")) + ")" + order;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int k = 0; k < ids.size(); k++) {
                statement.setString(k + 1, ids.get(k));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (!rows.getBoolean("deleted")) {
                        reader.read(rows);
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("run " + select, e);
        }
    }

    /** Glance's {@code meta_data} column: a JSON object; values that are not strings become their JSON text. */
    static Map<String, String> metadata(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Object> parsed = JSON.readValue(text, OBJECT);
            Map<String, String> result = new LinkedHashMap<>();
            for (Map.Entry<String, Object> entry : parsed.entrySet()) {
                Object value = entry.getValue();
                result.put(entry.getKey(), value instanceof String s ? s : JSON.writeValueAsString(value));
            }
            return result;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a location's meta_data is not a JSON object: " + e.getOriginalMessage());
        }
    }

    /** Glance's naive UTC times, as each driver prints them ({@code 2024-05-01 12:00:00[.ffffff]}). */
    static Instant instant(String text) {
        String iso = text.strip().replace(' ', 'T');
        return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
    }

    /**
     * Sets on {@code image} the columns of Glance's {@code images} row that glance4j keeps as they are (name, sizes,
     * formats, checksums and hash, owner, minimums, protected, os_hidden); status, visibility and times are the
     * caller's.
     */
    static Image.Builder withImageColumns(Image.Builder image, ResultSet rows) throws SQLException {
        return image.name(rows.getString("name"))
                .size(nullableLong(rows, "size"))
                .diskFormat(rows.getString("disk_format"))
                .containerFormat(rows.getString("container_format"))
                .checksum(rows.getString("checksum"))
                .owner(rows.getString("owner"))
                .minDisk(rows.getInt("min_disk"))
                .minRam(rows.getInt("min_ram"))
                .isProtected(rows.getBoolean("protected"))
                .virtualSize(nullableLong(rows, "virtual_size"))
                .osHidden(rows.getBoolean("os_hidden"))
                .osHashAlgo(rows.getString("os_hash_algo"))
                .osHashValue(rows.getString("os_hash_value"));
    }

    private static Long nullableLong(ResultSet rows, String column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }

    private static ImageStatus status(String id, String text) {
        ImageStatus status = ImageStatus.fromWire(text);
        if (status == null) {
            throw new IllegalStateException(
                    "image " + id + " has the status '" + text + "', which glance4j does not" + " know");
        }
        return status;
    }

    private static Visibility visibility(String id, String text) {
        Visibility visibility = Visibility.fromWire(text);
        if (visibility == null) {
            throw new IllegalStateException(
                    "image " + id + " has the visibility '" + text + "', which glance4j" + " does not know");
        }
        return visibility;
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("cannot " + what + " of the Glance database: " + e.getMessage(), e);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing was read; the error being thrown says what went wrong
        }
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }
}
