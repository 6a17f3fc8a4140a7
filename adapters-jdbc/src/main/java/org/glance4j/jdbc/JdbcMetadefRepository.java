package org.glance4j.jdbc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.metadef.MetadefNamespace;
import org.glance4j.ports.model.metadef.MetadefNamespaceContent;
import org.glance4j.ports.model.metadef.MetadefObject;
import org.glance4j.ports.model.metadef.MetadefProperty;
import org.glance4j.ports.model.metadef.MetadefResourceType;
import org.glance4j.ports.model.metadef.MetadefResourceTypeAssociation;
import org.glance4j.ports.model.metadef.MetadefTag;
import org.glance4j.ports.out.metadef.MetadefRepository;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The catalog in the {@code metadef_*} tables (migration 3). Each call is one transaction; content refers to its
 * namespace by surrogate key, so a rename touches one row, and lists follow the surrogate keys (the order added).
 */
final class JdbcMetadefRepository implements MetadefRepository {

    private static final String NAMESPACE_COLUMNS =
            "namespace, display_name, description, visibility, protected, owner, created_at, updated_at";
    private static final RowMapper<MetadefNamespace> NAMESPACE = (rs, ctx) -> new MetadefNamespace(rs.getString(1),
            rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getString(6),
            Timestamps.fromNanos(rs.getLong(7)), Timestamps.fromNanos(rs.getLong(8)));
    private static final RowMapper<MetadefObject> OBJECT = (rs, ctx) -> new MetadefObject(rs.getString(1),
            rs.getString(2), rs.getString(3), JsonText.parseStringArray(rs.getString(4)),
            JsonText.parseDefinition(rs.getString(5)), Timestamps.fromNanos(rs.getLong(6)),
            Timestamps.fromNanos(rs.getLong(7)));
    private static final RowMapper<MetadefProperty> PROPERTY = (rs, ctx) -> new MetadefProperty(rs.getString(1),
            rs.getString(2), JsonText.parseDefinition(rs.getString(3)));
    private static final RowMapper<MetadefTag> TAG = (rs, ctx) -> new MetadefTag(rs.getString(1), rs.getString(2),
            Timestamps.fromNanos(rs.getLong(3)), Timestamps.fromNanos(rs.getLong(4)));
    private static final RowMapper<MetadefResourceType> RESOURCE_TYPE = (rs, ctx) -> new MetadefResourceType(
            rs.getString(1), rs.getBoolean(2), Timestamps.fromNanos(rs.getLong(3)),
            Timestamps.fromNanos(rs.getLong(4)));
    private static final RowMapper<MetadefResourceTypeAssociation> ASSOCIATION = (rs, ctx) ->
            new MetadefResourceTypeAssociation(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    Timestamps.fromNanos(rs.getLong(5)), Timestamps.fromNanos(rs.getLong(6)));

    private static final String OBJECT_SELECT = "SELECT n.namespace, o.name, o.description, o.required,"
            + " o.json_schema, o.created_at, o.updated_at FROM metadef_objects o"
            + " JOIN metadef_namespaces n ON n.id = o.namespace_id";
    private static final String PROPERTY_SELECT = "SELECT n.namespace, p.name, p.json_schema"
            + " FROM metadef_properties p JOIN metadef_namespaces n ON n.id = p.namespace_id";
    private static final String TAG_SELECT = "SELECT n.namespace, t.name, t.created_at, t.updated_at"
            + " FROM metadef_tags t JOIN metadef_namespaces n ON n.id = t.namespace_id";
    private static final String ASSOCIATION_SELECT = "SELECT n.namespace, r.name, a.prefix, a.properties_target,"
            + " a.created_at, a.updated_at FROM metadef_namespace_resource_types a"
            + " JOIN metadef_namespaces n ON n.id = a.namespace_id"
            + " JOIN metadef_resource_types r ON r.id = a.resource_type_id";
    private static final String[] CONTENT_TABLES = {"metadef_objects", "metadef_properties", "metadef_tags",
        "metadef_namespace_resource_types"};

    private final Database database;

    JdbcMetadefRepository(Database database) {
        this.database = database;
    }

    // ---- namespaces

    @Override
    public void addNamespace(MetadefNamespaceContent content) {
        Objects.requireNonNull(content, "content");
        MetadefNamespace ns = content.namespace();
        write(handle -> {
            guard(() -> handle.createUpdate("INSERT INTO metadef_namespaces (" + NAMESPACE_COLUMNS
                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .bind(0, ns.namespace()).bind(1, ns.displayName()).bind(2, ns.description())
                    .bind(3, ns.visibility()).bind(4, ns.isProtected()).bind(5, ns.owner())
                    .bind(6, Timestamps.toNanos(ns.createdAt())).bind(7, Timestamps.toNanos(ns.updatedAt()))
                    .execute(), () -> GlanceException.conflict("The metadata definition namespace="
                    + ns.namespace() + " already exists."));
            long id = namespaceId(handle, ns.namespace());
            for (MetadefResourceTypeAssociation a : content.associations()) {
                insertAssociation(handle, id, a);
            }
            for (MetadefProperty p : content.properties()) {
                insertProperty(handle, id, p);
            }
            for (MetadefObject o : content.objects()) {
                insertObject(handle, id, o);
            }
            for (MetadefTag t : content.tags()) {
                insertTag(handle, id, t);
            }
            return null;
        });
    }

    @Override
    public Optional<MetadefNamespace> findNamespace(String namespace) {
        return read(handle -> handle.createQuery("SELECT " + NAMESPACE_COLUMNS
                + " FROM metadef_namespaces WHERE namespace = ?").bind(0, namespace).map(NAMESPACE).findOne());
    }

    @Override
    public List<MetadefNamespace> listNamespaces() {
        return read(handle -> handle.createQuery("SELECT " + NAMESPACE_COLUMNS
                + " FROM metadef_namespaces ORDER BY id").map(NAMESPACE).list());
    }

    @Override
    public void updateNamespace(String currentName, MetadefNamespace updated) {
        Objects.requireNonNull(updated, "updated");
        int changed = write(handle -> guard(() -> handle.createUpdate("UPDATE metadef_namespaces SET namespace = ?,"
                        + " display_name = ?, description = ?, visibility = ?, protected = ?, owner = ?,"
                        + " created_at = ?, updated_at = ? WHERE namespace = ?")
                .bind(0, updated.namespace()).bind(1, updated.displayName()).bind(2, updated.description())
                .bind(3, updated.visibility()).bind(4, updated.isProtected()).bind(5, updated.owner())
                .bind(6, Timestamps.toNanos(updated.createdAt())).bind(7, Timestamps.toNanos(updated.updatedAt()))
                .bind(8, currentName).execute(), () -> GlanceException.conflict("Invalid update. It would result in "
                + "a duplicate metadata definition namespace with the same name of " + updated.namespace())));
        if (changed == 0) {
            throw namespaceNotFound(currentName);
        }
    }

    @Override
    public boolean removeNamespace(String namespace) {
        return write(handle -> {
            Optional<Long> id = findNamespaceId(handle, namespace);
            if (id.isEmpty()) {
                return false;
            }
            for (String table : CONTENT_TABLES) {
                handle.createUpdate("DELETE FROM " + table + " WHERE namespace_id = ?").bind(0, id.get()).execute();
            }
            handle.createUpdate("DELETE FROM metadef_namespaces WHERE id = ?").bind(0, id.get()).execute();
            return true;
        });
    }

    @Override
    public int removeObjects(String namespace) {
        return removeContent("metadef_objects", namespace);
    }

    @Override
    public int removeProperties(String namespace) {
        return removeContent("metadef_properties", namespace);
    }

    @Override
    public int removeTags(String namespace) {
        return removeContent("metadef_tags", namespace);
    }

    private int removeContent(String table, String namespace) {
        return write(handle -> handle.createUpdate("DELETE FROM " + table + " WHERE namespace_id = ?")
                .bind(0, namespaceId(handle, namespace)).execute());
    }

    // ---- objects

    @Override
    public void addObject(MetadefObject object) {
        write(handle -> {
            insertObject(handle, namespaceId(handle, object.namespace()), object);
            return null;
        });
    }

    @Override
    public Optional<MetadefObject> findObject(String namespace, String name) {
        return read(handle -> handle.createQuery(OBJECT_SELECT + " WHERE n.namespace = ? AND o.name = ?")
                .bind(0, namespace).bind(1, name).map(OBJECT).findOne());
    }

    @Override
    public List<MetadefObject> listObjects(String namespace) {
        return read(handle -> handle.createQuery(OBJECT_SELECT + " WHERE n.namespace = ? ORDER BY o.id")
                .bind(0, namespace).map(OBJECT).list());
    }

    @Override
    public void updateObject(String currentName, MetadefObject updated) {
        updateContent(updated.namespace(), currentName, updated.name(), "object", (handle, id) -> handle
                .createUpdate("UPDATE metadef_objects SET name = ?, description = ?, required = ?, json_schema = ?,"
                        + " created_at = ?, updated_at = ? WHERE namespace_id = ? AND name = ?")
                .bind(0, updated.name()).bind(1, updated.description())
                .bind(2, JsonText.stringArray(updated.required()))
                .bind(3, JsonText.definition(updated.properties()))
                .bind(4, Timestamps.toNanos(updated.createdAt())).bind(5, Timestamps.toNanos(updated.updatedAt()))
                .bind(6, id).bind(7, currentName).execute());
    }

    @Override
    public boolean removeObject(String namespace, String name) {
        return removeItem("metadef_objects", namespace, name);
    }

    // ---- properties

    @Override
    public void addProperty(MetadefProperty property) {
        write(handle -> {
            insertProperty(handle, namespaceId(handle, property.namespace()), property);
            return null;
        });
    }

    @Override
    public Optional<MetadefProperty> findProperty(String namespace, String name) {
        return read(handle -> handle.createQuery(PROPERTY_SELECT + " WHERE n.namespace = ? AND p.name = ?")
                .bind(0, namespace).bind(1, name).map(PROPERTY).findOne());
    }

    @Override
    public List<MetadefProperty> listProperties(String namespace) {
        return read(handle -> handle.createQuery(PROPERTY_SELECT + " WHERE n.namespace = ? ORDER BY p.id")
                .bind(0, namespace).map(PROPERTY).list());
    }

    @Override
    public void updateProperty(String currentName, MetadefProperty updated) {
        updateContent(updated.namespace(), currentName, updated.name(), "property", (handle, id) -> handle
                .createUpdate("UPDATE metadef_properties SET name = ?, json_schema = ?"
                        + " WHERE namespace_id = ? AND name = ?")
                .bind(0, updated.name()).bind(1, JsonText.definition(updated.schema()))
                .bind(2, id).bind(3, currentName).execute());
    }

    @Override
    public boolean removeProperty(String namespace, String name) {
        return removeItem("metadef_properties", namespace, name);
    }

    // ---- tags

    @Override
    public void addTag(MetadefTag tag) {
        write(handle -> {
            insertTag(handle, namespaceId(handle, tag.namespace()), tag);
            return null;
        });
    }

    @Override
    public void addTags(String namespace, List<MetadefTag> tags, boolean append) {
        write(handle -> {
            long id = namespaceId(handle, namespace);
            if (!append) {
                handle.createUpdate("DELETE FROM metadef_tags WHERE namespace_id = ?").bind(0, id).execute();
            }
            for (MetadefTag tag : tags) {
                insertTag(handle, id, new MetadefTag(namespace, tag.name(), tag.createdAt(), tag.updatedAt()));
            }
            return null;
        });
    }

    @Override
    public Optional<MetadefTag> findTag(String namespace, String name) {
        return read(handle -> handle.createQuery(TAG_SELECT + " WHERE n.namespace = ? AND t.name = ?")
                .bind(0, namespace).bind(1, name).map(TAG).findOne());
    }

    @Override
    public List<MetadefTag> listTags(String namespace) {
        return read(handle -> handle.createQuery(TAG_SELECT + " WHERE n.namespace = ? ORDER BY t.id")
                .bind(0, namespace).map(TAG).list());
    }

    @Override
    public void updateTag(String currentName, MetadefTag updated) {
        updateContent(updated.namespace(), currentName, updated.name(), "tag", (handle, id) -> handle
                .createUpdate("UPDATE metadef_tags SET name = ?, created_at = ?, updated_at = ?"
                        + " WHERE namespace_id = ? AND name = ?")
                .bind(0, updated.name()).bind(1, Timestamps.toNanos(updated.createdAt()))
                .bind(2, Timestamps.toNanos(updated.updatedAt())).bind(3, id).bind(4, currentName).execute());
    }

    @Override
    public boolean removeTag(String namespace, String name) {
        return removeItem("metadef_tags", namespace, name);
    }

    // ---- resource types and associations

    @Override
    public List<MetadefResourceType> listResourceTypes() {
        return read(handle -> handle.createQuery("SELECT name, protected, created_at, updated_at"
                + " FROM metadef_resource_types ORDER BY id").map(RESOURCE_TYPE).list());
    }

    @Override
    public Optional<MetadefResourceType> findResourceType(String name) {
        return read(handle -> handle.createQuery("SELECT name, protected, created_at, updated_at"
                + " FROM metadef_resource_types WHERE name = ?").bind(0, name).map(RESOURCE_TYPE).findOne());
    }

    @Override
    public boolean addResourceType(MetadefResourceType type) {
        return write(handle -> insertResourceType(handle, type)) > 0;
    }

    @Override
    public void addAssociation(MetadefResourceTypeAssociation association) {
        write(handle -> {
            insertAssociation(handle, namespaceId(handle, association.namespace()), association);
            return null;
        });
    }

    @Override
    public List<MetadefResourceTypeAssociation> listAssociations(String namespace) {
        return read(handle -> handle.createQuery(ASSOCIATION_SELECT + " WHERE n.namespace = ? ORDER BY a.id")
                .bind(0, namespace).map(ASSOCIATION).list());
    }

    @Override
    public List<MetadefResourceTypeAssociation> listAllAssociations() {
        return read(handle -> handle.createQuery(ASSOCIATION_SELECT + " ORDER BY a.namespace_id, a.id")
                .map(ASSOCIATION).list());
    }

    @Override
    public boolean removeAssociation(String namespace, String resourceType) {
        return write(handle -> handle.createUpdate("DELETE FROM metadef_namespace_resource_types"
                + " WHERE namespace_id = (SELECT id FROM metadef_namespaces WHERE namespace = ?)"
                + " AND resource_type_id = (SELECT id FROM metadef_resource_types WHERE name = ?)")
                .bind(0, namespace).bind(1, resourceType).execute()) > 0;
    }

    // ---- the steps

    private void insertObject(Handle handle, long namespaceId, MetadefObject o) {
        guard(() -> handle.createUpdate("INSERT INTO metadef_objects (namespace_id, name, description, required,"
                        + " json_schema, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .bind(0, namespaceId).bind(1, o.name()).bind(2, o.description())
                .bind(3, JsonText.stringArray(o.required())).bind(4, JsonText.definition(o.properties()))
                .bind(5, Timestamps.toNanos(o.createdAt())).bind(6, Timestamps.toNanos(o.updatedAt())).execute(),
                () -> duplicate("object", o.name(), o.namespace()));
    }

    private void insertProperty(Handle handle, long namespaceId, MetadefProperty p) {
        guard(() -> handle.createUpdate("INSERT INTO metadef_properties (namespace_id, name, json_schema)"
                        + " VALUES (?, ?, ?)")
                .bind(0, namespaceId).bind(1, p.name()).bind(2, JsonText.definition(p.schema())).execute(),
                () -> duplicate("property", p.name(), p.namespace()));
    }

    private void insertTag(Handle handle, long namespaceId, MetadefTag t) {
        guard(() -> handle.createUpdate("INSERT INTO metadef_tags (namespace_id, name, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?)")
                .bind(0, namespaceId).bind(1, t.name()).bind(2, Timestamps.toNanos(t.createdAt()))
                .bind(3, Timestamps.toNanos(t.updatedAt())).execute(),
                () -> duplicate("tag", t.name(), t.namespace()));
    }

    /** Adds a resource type unless one of that name exists; 1 when added, 0 when it existed. */
    private int insertResourceType(Handle handle, MetadefResourceType type) {
        if (database.dialect() != Dialect.MARIADB) {
            return insertResourceType(handle, type, " ON CONFLICT (name) DO NOTHING");
        }
        // MariaDB has no ON CONFLICT, and INSERT IGNORE would also cut a value that does not fit; a duplicate key
        // there fails the statement only, never the transaction.
        try {
            return insertResourceType(handle, type, "");
        } catch (JdbiException e) {
            if (database.isUniqueViolation(e)) {
                return 0;
            }
            throw e;
        }
    }

    private static int insertResourceType(Handle handle, MetadefResourceType type, String onConflict) {
        return handle.createUpdate("INSERT INTO metadef_resource_types (name, protected, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?)" + onConflict)
                .bind(0, type.name()).bind(1, type.isProtected()).bind(2, Timestamps.toNanos(type.createdAt()))
                .bind(3, Timestamps.toNanos(type.updatedAt())).execute();
    }

    private void insertAssociation(Handle handle, long namespaceId, MetadefResourceTypeAssociation a) {
        insertResourceType(handle, new MetadefResourceType(a.name(), false, a.createdAt(), a.updatedAt()));
        guard(() -> handle.createUpdate("INSERT INTO metadef_namespace_resource_types (namespace_id,"
                        + " resource_type_id, prefix, properties_target, created_at, updated_at)"
                        + " SELECT ?, id, ?, ?, ?, ? FROM metadef_resource_types WHERE name = ?")
                .bind(0, namespaceId).bind(1, a.prefix()).bind(2, a.propertiesTarget())
                .bind(3, Timestamps.toNanos(a.createdAt())).bind(4, Timestamps.toNanos(a.updatedAt()))
                .bind(5, a.name()).execute(),
                () -> GlanceException.conflict("The metadata definition resource-type association of resource-type="
                        + a.name() + " to namespace=" + a.namespace() + " already exists."));
    }

    /** An update of one named item of a namespace, translated: 0 rows is NOT_FOUND, a taken name CONFLICT. */
    private void updateContent(String namespace, String currentName, String newName, String kind,
            java.util.function.BiFunction<Handle, Long, Integer> update) {
        int changed = write(handle -> {
            Optional<Long> id = findNamespaceId(handle, namespace);
            if (id.isEmpty()) {
                return 0;
            }
            return guard(() -> update.apply(handle, id.get()), () -> duplicate(kind, newName, namespace));
        });
        if (changed == 0) {
            throw GlanceException.notFound("The metadata definition " + kind + " with name=" + currentName
                    + " was not found in namespace=" + namespace + ".");
        }
    }

    private boolean removeItem(String table, String namespace, String name) {
        return write(handle -> handle.createUpdate("DELETE FROM " + table + " WHERE name = ? AND namespace_id ="
                + " (SELECT id FROM metadef_namespaces WHERE namespace = ?)")
                .bind(0, name).bind(1, namespace).execute()) > 0;
    }

    private static long namespaceId(Handle handle, String namespace) {
        return findNamespaceId(handle, namespace).orElseThrow(() -> namespaceNotFound(namespace));
    }

    private static Optional<Long> findNamespaceId(Handle handle, String namespace) {
        return handle.createQuery("SELECT id FROM metadef_namespaces WHERE namespace = ?").bind(0, namespace)
                .mapTo(Long.class).findOne();
    }

    private static GlanceException namespaceNotFound(String namespace) {
        return GlanceException.notFound("Metadata definition namespace=" + namespace + " was not found.");
    }

    private static GlanceException duplicate(String kind, String name, String namespace) {
        return GlanceException.conflict("A metadata definition " + kind + " with name=" + name
                + " already exists in namespace=" + namespace + ".");
    }

    /** Runs one statement, turning a unique-key violation into {@code onDuplicate}. */
    private int guard(java.util.function.IntSupplier statement,
            java.util.function.Supplier<GlanceException> onDuplicate) {
        try {
            return statement.getAsInt();
        } catch (JdbiException e) {
            if (database.isUniqueViolation(e)) {
                throw onDuplicate.get();
            }
            throw e;
        }
    }

    private <T> T write(Function<Handle, T> work) {
        try {
            return database.write(work::apply);
        } catch (JdbiException e) {
            throw Database.unavailable(e);
        }
    }

    private <T> T read(Function<Handle, T> work) {
        try {
            return database.read(work::apply);
        } catch (JdbiException e) {
            throw Database.unavailable(e);
        }
    }
}
