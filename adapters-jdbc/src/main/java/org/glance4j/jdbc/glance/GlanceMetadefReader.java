package org.glance4j.jdbc.glance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.glance4j.ports.model.metadef.MetadefNamespace;
import org.glance4j.ports.model.metadef.MetadefNamespaceContent;
import org.glance4j.ports.model.metadef.MetadefObject;
import org.glance4j.ports.model.metadef.MetadefProperty;
import org.glance4j.ports.model.metadef.MetadefResourceType;
import org.glance4j.ports.model.metadef.MetadefResourceTypeAssociation;
import org.glance4j.ports.model.metadef.MetadefTag;

/**
 * Reads Glance's metadata definitions catalog ({@code metadef_namespaces}, {@code metadef_objects},
 * {@code metadef_properties}, {@code metadef_tags}, {@code metadef_resource_types} and
 * {@code metadef_namespace_resource_types}). Glance deletes catalog rows for good, so there is nothing
 * soft-deleted to skip. Glance's integer row ids are not kept: in glance4j (as in Glance's API) names identify
 * catalog items; the order of each namespace's items follows Glance's ids. It only queries.
 */
public final class GlanceMetadefReader {

    private final Connection connection;

    GlanceMetadefReader(Connection connection) {
        this.connection = connection;
    }

    /** Every resource type, oldest (lowest id) first. */
    public List<MetadefResourceType> resourceTypes() {
        List<MetadefResourceType> types = new ArrayList<>();
        query("SELECT name, protected, created_at, updated_at FROM metadef_resource_types ORDER BY id", null, rows -> {
            Instant created = GlanceDatabaseReader.instant(rows.getString("created_at"));
            types.add(new MetadefResourceType(
                    rows.getString("name"), rows.getBoolean("protected"), created, updated(rows, created)));
        });
        return types;
    }

    /**
     * Hands every namespace with its content to {@code action}, one namespace at a time, oldest first. A
     * namespace whose rows do not parse (a JSON schema that is not a JSON object) comes with the problem instead.
     *
     * @throws IllegalStateException when the database cannot be read
     */
    public void forEachNamespace(Consumer<GlanceNamespaceRecord> action) {
        record Row(long id, String name, MetadefNamespace namespace, String problem) {}
        List<Row> namespaces = new ArrayList<>();
        query(
                "SELECT id, namespace, display_name, description, visibility, protected, owner, created_at, updated_at"
                        + " FROM metadef_namespaces ORDER BY id",
                null,
                rows -> {
                    Instant created = GlanceDatabaseReader.instant(rows.getString("created_at"));
                    String name = rows.getString("namespace");
                    String visibility = rows.getString("visibility");
                    visibility = visibility == null ? "private" : visibility;
                    if (!MetadefNamespace.VISIBILITIES.contains(visibility)) {
                        namespaces.add(new Row(
                                rows.getLong("id"),
                                name,
                                null,
                                "its visibility '" + visibility + "' is neither public nor private"));
                        return;
                    }
                    namespaces.add(new Row(
                            rows.getLong("id"),
                            name,
                            new MetadefNamespace(
                                    name,
                                    rows.getString("display_name"),
                                    rows.getString("description"),
                                    visibility,
                                    rows.getBoolean("protected"),
                                    rows.getString("owner"),
                                    created,
                                    updated(rows, created)),
                            null));
                });
        for (Row row : namespaces) {
            if (row.problem() != null) {
                action.accept(new GlanceNamespaceRecord(row.name(), null, row.problem()));
                continue;
            }
            MetadefNamespaceContent content;
            try {
                content = content(row.id(), row.namespace());
            } catch (MetadefRowException e) {
                action.accept(new GlanceNamespaceRecord(row.name(), null, e.getMessage()));
                continue;
            }
            action.accept(new GlanceNamespaceRecord(row.name(), content, null));
        }
    }

    private MetadefNamespaceContent content(long id, MetadefNamespace namespace) {
        String name = namespace.namespace();
        List<MetadefObject> objects = new ArrayList<>();
        query(
                "SELECT name, description, required, json_schema, created_at, updated_at FROM metadef_objects"
                        + " WHERE namespace_id = ? ORDER BY id",
                id,
                rows -> {
                    String object = rows.getString("name");
                    Instant created = GlanceDatabaseReader.instant(rows.getString("created_at"));
                    objects.add(new MetadefObject(
                            name,
                            object,
                            rows.getString("description"),
                            requiredNames(rows.getString("required")),
                            object(rows.getString("json_schema"), "the properties of object " + object),
                            created,
                            updated(rows, created)));
                });
        List<MetadefProperty> properties = new ArrayList<>();
        query("SELECT name, json_schema FROM metadef_properties WHERE namespace_id = ? ORDER BY id", id, rows -> {
            String property = rows.getString("name");
            properties.add(new MetadefProperty(
                    name, property, object(rows.getString("json_schema"), "the schema of property " + property)));
        });
        List<MetadefTag> tags = new ArrayList<>();
        query("SELECT name, created_at, updated_at FROM metadef_tags WHERE namespace_id = ? ORDER BY id", id, rows -> {
            Instant created = GlanceDatabaseReader.instant(rows.getString("created_at"));
            tags.add(new MetadefTag(name, rows.getString("name"), created, updated(rows, created)));
        });
        List<MetadefResourceTypeAssociation> associations = new ArrayList<>();
        query(
                "SELECT r.name, a.prefix, a.properties_target, a.created_at, a.updated_at FROM"
                        + " metadef_namespace_resource_types a JOIN metadef_resource_types r ON r.id = a.resource_type_id"
                        + " WHERE a.namespace_id = ? ORDER BY a.created_at, r.id",
                id,
                rows -> {
                    Instant created = GlanceDatabaseReader.instant(rows.getString("created_at"));
                    associations.add(new MetadefResourceTypeAssociation(
                            name,
                            rows.getString("name"),
                            rows.getString("prefix"),
                            rows.getString("properties_target"),
                            created,
                            updated(rows, created)));
                });
        return new MetadefNamespaceContent(namespace, associations, properties, objects, tags);
    }

    private static Map<String, Object> object(String text, String what) {
        try {
            Map<String, Object> parsed = GlanceJson.object(text, what);
            return parsed == null ? Map.of() : parsed;
        } catch (IllegalStateException e) {
            throw new MetadefRowException(e.getMessage());
        }
    }

    /**
     * An object's {@code required} column: Glance keeps the names joined with commas ({@code "key,seats"}), not as
     * JSON, and reads them back by splitting there; null or empty is none.
     */
    static List<String> requiredNames(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(text.split(",", -1));
    }

    private static Instant updated(ResultSet rows, Instant created) throws SQLException {
        String text = rows.getString("updated_at");
        return text == null ? created : GlanceDatabaseReader.instant(text);
    }

    private interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }

    private void query(String sql, Long namespaceId, RowReader reader) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (namespaceId != null) {
                statement.setLong(1, namespaceId);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot read the metadefs catalog of the Glance database: " + e.getMessage(), e);
        }
    }

    /** A catalog row that cannot become part of glance4j's catalog. */
    private static final class MetadefRowException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MetadefRowException(String message) {
            super(message);
        }
    }
}
