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
import org.jdbi.v3.core.statement.Update;

/**
 * The catalog in the {@code metadef_*} tables (migration 3). Each call is one transaction; content refers to its
 * namespace by surrogate key, so a rename touches one row, and lists follow the surrogate keys (the order added).
 */
final class JdbcMetadefRepository implements MetadefRepository {

    private static final String NAMESPACE_COLUMNS =
            "namespace, display_name, description, visibility, protected, owner, created_at, updated_at";
    private static final RowMapper<MetadefNamespace> NAMESPACE = (rs, ctx) -> new MetadefNamespace(
            rs.getString(1),
            rs.getString(2),
            rs.getString(3),
            rs.getString(4),
            rs.getBoolean(5),
            rs.getString(6),
            Timestamps.fromNanos(rs.getLong(7)),
            Timestamps.fromNanos(rs.getLong(8)));
    private static final RowMapper<MetadefResourceType> RESOURCE_TYPE = (rs, ctx) -> new MetadefResourceType(
            rs.getString(1),
            rs.getBoolean(2),
            Timestamps.fromNanos(rs.getLong(3)),
            Timestamps.fromNanos(rs.getLong(4)));
    private static final RowMapper<MetadefResourceTypeAssociation> ASSOCIATION =
            (rs, ctx) -> new MetadefResourceTypeAssociation(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    Timestamps.fromNanos(rs.getLong(5)),
                    Timestamps.fromNanos(rs.getLong(6)));

    private static final String ASSOCIATION_SELECT = "SELECT n.namespace, r.name, a.prefix, a.properties_target,"
            + " a.created_at, a.updated_at FROM metadef_namespace_resource_types a"
            + " JOIN metadef_namespaces n ON n.id = a.namespace_id"
            + " JOIN metadef_resource_types r ON r.id = a.resource_type_id";
    private static final String[] CONTENT_TABLES = {
        "metadef_objects", "metadef_properties", "metadef_tags", "metadef_namespace_resource_types"
    };

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
            guard(
                    () -> handle.createUpdate("INSERT INTO metadef_namespaces (" + NAMESPACE_COLUMNS
                                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                            .bind(0, ns.namespace())
                            .bind(1, ns.displayName())
                            .bind(2, ns.description())
                            .bind(3, ns.visibility())
                            .bind(4, ns.isProtected())
                            .bind(5, ns.owner())
                            .bind(6, Timestamps.toNanos(ns.createdAt()))
                            .bind(7, Timestamps.toNanos(ns.updatedAt()))
                            .execute(),
                    () -> GlanceException.conflict(
                            "The metadata definition namespace=" + ns.namespace() + " already exists."));
            long id = namespaceId(handle, ns.namespace());
            for (MetadefResourceTypeAssociation a : content.associations()) {
                insertAssociation(handle, id, a);
            }
            for (MetadefProperty p : content.properties()) {
                insertItem(handle, id, MetadefItemTable.PROPERTIES, p);
            }
            for (MetadefObject o : content.objects()) {
                insertItem(handle, id, MetadefItemTable.OBJECTS, o);
            }
            for (MetadefTag t : content.tags()) {
                insertItem(handle, id, MetadefItemTable.TAGS, t);
            }
            return null;
        });
    }

    @Override
    public Optional<MetadefNamespace> findNamespace(String namespace) {
        return read(handle -> handle.createQuery(
                        "SELECT " + NAMESPACE_COLUMNS + " FROM metadef_namespaces WHERE namespace = ?")
                .bind(0, namespace)
                .map(NAMESPACE)
                .findOne());
    }

    @Override
    public List<MetadefNamespace> listNamespaces() {
        return read(handle -> handle.createQuery("SELECT " + NAMESPACE_COLUMNS + " FROM metadef_namespaces ORDER BY id")
                .map(NAMESPACE)
                .list());
    }

    @Override
    public void updateNamespace(String currentName, MetadefNamespace updated) {
        Objects.requireNonNull(updated, "updated");
        int changed = write(handle -> guard(
                () -> handle.createUpdate("UPDATE metadef_namespaces SET namespace = ?,"
                                + " display_name = ?, description = ?, visibility = ?, protected = ?, owner = ?,"
                                + " created_at = ?, updated_at = ? WHERE namespace = ?")
                        .bind(0, updated.namespace())
                        .bind(1, updated.displayName())
                        .bind(2, updated.description())
                        .bind(3, updated.visibility())
                        .bind(4, updated.isProtected())
                        .bind(5, updated.owner())
                        .bind(6, Timestamps.toNanos(updated.createdAt()))
                        .bind(7, Timestamps.toNanos(updated.updatedAt()))
                        .bind(8, currentName)
                        .execute(),
                () -> GlanceException.conflict("Invalid update. It would result in "
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
                handle.createUpdate("DELETE FROM " + table + " WHERE namespace_id = ?")
                        .bind(0, id.get())
                        .execute();
            }
            handle.createUpdate("DELETE FROM metadef_namespaces WHERE id = ?")
                    .bind(0, id.get())
                    .execute();
            return true;
        });
    }

    @Override
    public int removeObjects(String namespace) {
        return removeContent(MetadefItemTable.OBJECTS.table, namespace);
    }

    @Override
    public int removeProperties(String namespace) {
        return removeContent(MetadefItemTable.PROPERTIES.table, namespace);
    }

    @Override
    public int removeTags(String namespace) {
        return removeContent(MetadefItemTable.TAGS.table, namespace);
    }

    private int removeContent(String table, String namespace) {
        return write(handle -> handle.createUpdate("DELETE FROM " + table + " WHERE namespace_id = ?")
                .bind(0, namespaceId(handle, namespace))
                .execute());
    }

    // ---- objects, properties and tags: the same steps on their tables (MetadefItemTable), grouped by step

    @Override
    public void addObject(MetadefObject object) {
        addItem(MetadefItemTable.OBJECTS, object);
    }

    @Override
    public void addProperty(MetadefProperty property) {
        addItem(MetadefItemTable.PROPERTIES, property);
    }

    @Override
    public void addTag(MetadefTag tag) {
        addItem(MetadefItemTable.TAGS, tag);
    }

    @Override
    public void addTags(String namespace, List<MetadefTag> tags, boolean append) {
        write(handle -> {
            long id = namespaceId(handle, namespace);
            if (!append) {
                handle.createUpdate("DELETE FROM metadef_tags WHERE namespace_id = ?")
                        .bind(0, id)
                        .execute();
            }
            for (MetadefTag tag : tags) {
                insertItem(
                        handle,
                        id,
                        MetadefItemTable.TAGS,
                        new MetadefTag(namespace, tag.name(), tag.createdAt(), tag.updatedAt()));
            }
            return null;
        });
    }

    @Override
    public Optional<MetadefObject> findObject(String namespace, String name) {
        return findItem(MetadefItemTable.OBJECTS, namespace, name);
    }

    @Override
    public Optional<MetadefProperty> findProperty(String namespace, String name) {
        return findItem(MetadefItemTable.PROPERTIES, namespace, name);
    }

    @Override
    public Optional<MetadefTag> findTag(String namespace, String name) {
        return findItem(MetadefItemTable.TAGS, namespace, name);
    }

    @Override
    public List<MetadefObject> listObjects(String namespace) {
        return listItems(MetadefItemTable.OBJECTS, namespace);
    }

    @Override
    public List<MetadefProperty> listProperties(String namespace) {
        return listItems(MetadefItemTable.PROPERTIES, namespace);
    }

    @Override
    public List<MetadefTag> listTags(String namespace) {
        return listItems(MetadefItemTable.TAGS, namespace);
    }

    @Override
    public void updateObject(String currentName, MetadefObject updated) {
        updateItem(MetadefItemTable.OBJECTS, currentName, updated);
    }

    @Override
    public void updateProperty(String currentName, MetadefProperty updated) {
        updateItem(MetadefItemTable.PROPERTIES, currentName, updated);
    }

    @Override
    public void updateTag(String currentName, MetadefTag updated) {
        updateItem(MetadefItemTable.TAGS, currentName, updated);
    }

    @Override
    public boolean removeObject(String namespace, String name) {
        return removeItem(MetadefItemTable.OBJECTS, namespace, name);
    }

    @Override
    public boolean removeProperty(String namespace, String name) {
        return removeItem(MetadefItemTable.PROPERTIES, namespace, name);
    }

    @Override
    public boolean removeTag(String namespace, String name) {
        return removeItem(MetadefItemTable.TAGS, namespace, name);
    }

    private <T> void addItem(MetadefItemTable<T> table, T item) {
        write(handle -> {
            insertItem(handle, namespaceId(handle, table.namespaceOf(item)), table, item);
            return null;
        });
    }

    private <T> Optional<T> findItem(MetadefItemTable<T> table, String namespace, String name) {
        return read(handle -> handle.createQuery(table.select + " WHERE n.namespace = ? AND i.name = ?")
                .bind(0, namespace)
                .bind(1, name)
                .map(table.mapper)
                .findOne());
    }

    private <T> List<T> listItems(MetadefItemTable<T> table, String namespace) {
        return read(handle -> handle.createQuery(table.select + " WHERE n.namespace = ? ORDER BY i.id")
                .bind(0, namespace)
                .map(table.mapper)
                .list());
    }

    /** Rewrites the item called {@code currentName}: 0 rows is NOT_FOUND, a taken new name CONFLICT. */
    private <T> void updateItem(MetadefItemTable<T> table, String currentName, T updated) {
        String namespace = table.namespaceOf(updated);
        int changed = write(handle -> {
            Optional<Long> id = findNamespaceId(handle, namespace);
            if (id.isEmpty()) {
                return 0;
            }
            return guard(
                    () -> {
                        Update update = handle.createUpdate(table.update);
                        table.bindUpdate(update, id.get(), currentName, updated);
                        return update.execute();
                    },
                    () -> duplicate(table.kind, table.nameOf(updated), namespace));
        });
        if (changed == 0) {
            throw GlanceException.notFound("The metadata definition " + table.kind + " with name=" + currentName
                    + " was not found in namespace=" + namespace + ".");
        }
    }

    private boolean removeItem(MetadefItemTable<?> table, String namespace, String name) {
        return write(handle -> handle.createUpdate("DELETE FROM " + table.table + " WHERE name = ? AND namespace_id ="
                                + " (SELECT id FROM metadef_namespaces WHERE namespace = ?)")
                        .bind(0, name)
                        .bind(1, namespace)
                        .execute())
                > 0;
    }

    // ---- resource types and associations

    @Override
    public List<MetadefResourceType> listResourceTypes() {
        return read(handle -> handle.createQuery(
                        "SELECT name, protected, created_at, updated_at" + " FROM metadef_resource_types ORDER BY id")
                .map(RESOURCE_TYPE)
                .list());
    }

    @Override
    public Optional<MetadefResourceType> findResourceType(String name) {
        return read(handle -> handle.createQuery("SELECT name, protected, created_at, updated_at"
                        + " FROM metadef_resource_types WHERE name = ?")
                .bind(0, name)
                .map(RESOURCE_TYPE)
                .findOne());
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
                .bind(0, namespace)
                .map(ASSOCIATION)
                .list());
    }

    @Override
    public List<MetadefResourceTypeAssociation> listAllAssociations() {
        return read(handle -> handle.createQuery(ASSOCIATION_SELECT + " ORDER BY a.namespace_id, a.id")
                .map(ASSOCIATION)
                .list());
    }

    @Override
    public boolean removeAssociation(String namespace, String resourceType) {
        return write(handle -> handle.createUpdate("DELETE FROM metadef_namespace_resource_types"
                                + " WHERE namespace_id = (SELECT id FROM metadef_namespaces WHERE namespace = ?)"
                                + " AND resource_type_id = (SELECT id FROM metadef_resource_types WHERE name = ?)")
                        .bind(0, namespace)
                        .bind(1, resourceType)
                        .execute())
                > 0;
    }

    // ---- the steps

    private <T> void insertItem(Handle handle, long namespaceId, MetadefItemTable<T> table, T item) {
        guard(
                () -> {
                    Update insert = handle.createUpdate(table.insert);
                    table.bindInsert(insert, namespaceId, item);
                    return insert.execute();
                },
                () -> duplicate(table.kind, table.nameOf(item), table.namespaceOf(item)));
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
                .bind(0, type.name())
                .bind(1, type.isProtected())
                .bind(2, Timestamps.toNanos(type.createdAt()))
                .bind(3, Timestamps.toNanos(type.updatedAt()))
                .execute();
    }

    private void insertAssociation(Handle handle, long namespaceId, MetadefResourceTypeAssociation a) {
        insertResourceType(handle, new MetadefResourceType(a.name(), false, a.createdAt(), a.updatedAt()));
        guard(
                () -> handle.createUpdate("INSERT INTO metadef_namespace_resource_types (namespace_id,"
                                + " resource_type_id, prefix, properties_target, created_at, updated_at)"
                                + " SELECT ?, id, ?, ?, ?, ? FROM metadef_resource_types WHERE name = ?")
                        .bind(0, namespaceId)
                        .bind(1, a.prefix())
                        .bind(2, a.propertiesTarget())
                        .bind(3, Timestamps.toNanos(a.createdAt()))
                        .bind(4, Timestamps.toNanos(a.updatedAt()))
                        .bind(5, a.name())
                        .execute(),
                () -> GlanceException.conflict("The metadata definition resource-type association of resource-type="
                        + a.name() + " to namespace=" + a.namespace() + " already exists."));
    }

    private static long namespaceId(Handle handle, String namespace) {
        return findNamespaceId(handle, namespace).orElseThrow(() -> namespaceNotFound(namespace));
    }

    private static Optional<Long> findNamespaceId(Handle handle, String namespace) {
        return handle.createQuery("SELECT id FROM metadef_namespaces WHERE namespace = ?")
                .bind(0, namespace)
                .mapTo(Long.class)
                .findOne();
    }

    private static GlanceException namespaceNotFound(String namespace) {
        return GlanceException.notFound("Metadata definition namespace=" + namespace + " was not found.");
    }

    private static GlanceException duplicate(String kind, String name, String namespace) {
        return GlanceException.conflict("A metadata definition " + kind + " with name=" + name
                + " already exists in namespace=" + namespace + ".");
    }

    /** Runs one statement, turning a unique-key violation into {@code onDuplicate}. */
    private int guard(
            java.util.function.IntSupplier statement, java.util.function.Supplier<GlanceException> onDuplicate) {
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
