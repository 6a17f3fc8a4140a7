package org.glance4j.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageField;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.Visibility;

/** How the base fields of an image map to columns of the {@code images} table, and back. */
final class ImageColumns {
    /** The columns every image query selects, in the order {@link #read} expects. */
    static final String SELECT_LIST = "i.id, i.name, i.status, i.visibility, i.protected, i.os_hidden, i.checksum,"
            + " i.os_hash_algo, i.os_hash_value, i.owner, i.size, i.virtual_size, i.container_format,"
            + " i.disk_format, i.min_disk, i.min_ram, i.created_at, i.updated_at, i.deleted_at, i.revision, i.locations";

    private ImageColumns() {}

    static String column(ImageField field) {
        return switch (field) {
            case ID -> "id";
            case NAME -> "name";
            case STATUS -> "status";
            case VISIBILITY -> "visibility";
            case OWNER -> "owner";
            case CONTAINER_FORMAT -> "container_format";
            case DISK_FORMAT -> "disk_format";
            case SIZE -> "size";
            case VIRTUAL_SIZE -> "virtual_size";
            case MIN_DISK -> "min_disk";
            case MIN_RAM -> "min_ram";
            case PROTECTED -> "protected";
            case OS_HIDDEN -> "os_hidden";
            case CHECKSUM -> "checksum";
            case OS_HASH_VALUE -> "os_hash_value";
            case CREATED_AT -> "created_at";
            case UPDATED_AT -> "updated_at";
        };
    }

    /** Whether the column may hold null. */
    static boolean nullable(ImageField field) {
        return switch (field) {
            case NAME, OWNER, CONTAINER_FORMAT, DISK_FORMAT, SIZE, VIRTUAL_SIZE, CHECKSUM, OS_HASH_VALUE -> true;
            case ID, STATUS, VISIBILITY, MIN_DISK, MIN_RAM, PROTECTED, OS_HIDDEN, CREATED_AT, UPDATED_AT -> false;
        };
    }

    /** The stored value of {@code field} in {@code image} (for keyset comparisons with a marker). */
    static Object storedValue(ImageField field, Image image) {
        Object value = field.valueIn(image);
        return value instanceof Instant time ? Timestamps.toNanosSaturated(time) : value;
    }

    /** A condition value of {@code field}, typed as {@code ImageQuery.Condition} documents, in its stored form. */
    static Object conditionValue(ImageField field, Object value) {
        switch (field) {
            case SIZE, VIRTUAL_SIZE:
                return ((Number) expect(field, value, Number.class)).longValue();
            case MIN_DISK, MIN_RAM:
                return ((Number) expect(field, value, Number.class)).intValue();
            case CREATED_AT, UPDATED_AT:
                return Timestamps.toNanosSaturated((Instant) expect(field, value, Instant.class));
            case PROTECTED, OS_HIDDEN:
                return expect(field, value, Boolean.class);
            case STATUS:
                return value instanceof ImageStatus s ? s.wireName() : expect(field, value, String.class);
            case VISIBILITY:
                return value instanceof Visibility v ? v.wireName() : expect(field, value, String.class);
            default:
                return expect(field, value, String.class);
        }
    }

    private static Object expect(ImageField field, Object value, Class<?> type) {
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("a condition on " + field.wireName() + " takes a " + type.getSimpleName()
                    + ", not " + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        return value;
    }

    /**
     * {@link #SELECT_LIST} followed by the image's tags (a JSON array) and properties (a JSON object), as
     * {@link #readWithExtras} expects; the images table must be named {@code i}.
     */
    static String selectListWithExtras(Dialect dialect) {
        return SELECT_LIST + ", " + dialect.tagsJson() + ", " + dialect.propertiesJson();
    }

    /** The image in the current row, selected with {@link #selectListWithExtras}, with its tags and properties. */
    static Image readWithExtras(ResultSet rs) throws SQLException {
        Image image = read(rs);
        String tags = rs.getString(22);
        String properties = rs.getString(23);
        List<String> tagList = tags == null ? List.of() : JsonText.parseStringArray(tags);
        Map<String, String> propertyMap = properties == null ? Map.of() : JsonText.parseStringObject(properties);
        if (tagList.isEmpty() && propertyMap.isEmpty()) {
            return image;
        }
        return image.toBuilder().tags(tagList).properties(propertyMap).build();
    }

    /** The image in the current row (selected with {@link #SELECT_LIST}), without tags and properties. */
    static Image read(ResultSet rs) throws SQLException {
        return new Image(
                rs.getString(1),
                rs.getString(2),
                ImageStatus.valueOf(rs.getString(3).toUpperCase(java.util.Locale.ROOT)),
                Visibility.valueOf(rs.getString(4).toUpperCase(java.util.Locale.ROOT)),
                rs.getBoolean(5),
                rs.getBoolean(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                nullableLong(rs, 11),
                nullableLong(rs, 12),
                rs.getString(13),
                rs.getString(14),
                rs.getInt(15),
                rs.getInt(16),
                Timestamps.fromNanos(rs.getLong(17)),
                Timestamps.fromNanos(rs.getLong(18)),
                nullableInstant(rs, 19),
                List.of(),
                Map.of(),
                ImageLocations.parse(rs.getString(21)),
                rs.getLong(20));
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant nullableInstant(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Timestamps.fromNanos(value);
    }
}
