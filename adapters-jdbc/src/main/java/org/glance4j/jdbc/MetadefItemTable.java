package org.glance4j.jdbc;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.glance4j.ports.model.metadef.MetadefObject;
import org.glance4j.ports.model.metadef.MetadefProperty;
import org.glance4j.ports.model.metadef.MetadefTag;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The table of one kind of named item inside a namespace (objects, properties, tags). Every such table has
 * {@code id} (the order added), {@code namespace_id}, {@code name} (unique in its namespace) and the columns of its
 * kind; the statements that add, find, list, rename and remove items are built here once from those columns.
 *
 * @param <T> the item's record
 */
final class MetadefItemTable<T> {

    static final MetadefItemTable<MetadefObject> OBJECTS = new MetadefItemTable<>(
            "object",
            "metadef_objects",
            MetadefObject::namespace,
            MetadefObject::name,
            List.of(
                    Column.text("description", MetadefObject::description),
                    Column.text("required", o -> JsonText.stringArray(o.required())),
                    Column.text("json_schema", o -> JsonText.definition(o.properties())),
                    Column.nanos("created_at", MetadefObject::createdAt),
                    Column.nanos("updated_at", MetadefObject::updatedAt)),
            (rs, ctx) -> new MetadefObject(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    JsonText.parseStringArray(rs.getString(4)),
                    JsonText.parseDefinition(rs.getString(5)),
                    Timestamps.fromNanos(rs.getLong(6)),
                    Timestamps.fromNanos(rs.getLong(7))));

    static final MetadefItemTable<MetadefProperty> PROPERTIES = new MetadefItemTable<>(
            "property",
            "metadef_properties",
            MetadefProperty::namespace,
            MetadefProperty::name,
            List.of(Column.text("json_schema", p -> JsonText.definition(p.schema()))),
            (rs, ctx) ->
                    new MetadefProperty(rs.getString(1), rs.getString(2), JsonText.parseDefinition(rs.getString(3))));

    static final MetadefItemTable<MetadefTag> TAGS = new MetadefItemTable<>(
            "tag",
            "metadef_tags",
            MetadefTag::namespace,
            MetadefTag::name,
            List.of(
                    Column.nanos("created_at", MetadefTag::createdAt),
                    Column.nanos("updated_at", MetadefTag::updatedAt)),
            (rs, ctx) -> new MetadefTag(
                    rs.getString(1),
                    rs.getString(2),
                    Timestamps.fromNanos(rs.getLong(3)),
                    Timestamps.fromNanos(rs.getLong(4))));

    /** The word messages use for an item ({@code object}, {@code property}, {@code tag}). */
    final String kind;
    /** The table's name. */
    final String table;
    /** Reads a row of {@link #select}: namespace, name, then the kind's columns. */
    final RowMapper<T> mapper;
    /** The items with their namespace's name; add a {@code WHERE} on {@code n.namespace} and {@code i.name}. */
    final String select;
    /** Adds an item: namespace id, name, then the kind's columns ({@link #bindInsert}). */
    final String insert;
    /** Renames and rewrites an item: name, the kind's columns, namespace id, current name ({@link #bindUpdate}). */
    final String update;

    private final Function<T, String> namespace;
    private final Function<T, String> name;
    private final List<Column<T>> columns;

    private MetadefItemTable(
            String kind,
            String table,
            Function<T, String> namespace,
            Function<T, String> name,
            List<Column<T>> columns,
            RowMapper<T> mapper) {
        this.kind = kind;
        this.table = table;
        this.namespace = namespace;
        this.name = name;
        this.columns = columns;
        this.mapper = mapper;
        String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
        this.select = "SELECT n.namespace, i.name, "
                + columns.stream().map(c -> "i." + c.name()).collect(Collectors.joining(", ")) + " FROM " + table + " i"
                + " JOIN metadef_namespaces n ON n.id = i.namespace_id";
        this.insert = "INSERT INTO " + table + " (namespace_id, name, " + names + ") VALUES (?, ?"
                + ", ?".repeat(columns.size()) + ")";
        this.update = "UPDATE " + table + " SET name = ?, "
                + columns.stream().map(c -> c.name() + " = ?").collect(Collectors.joining(", "))
                + " WHERE namespace_id = ? AND name = ?";
    }

    String namespaceOf(T item) {
        return namespace.apply(item);
    }

    String nameOf(T item) {
        return name.apply(item);
    }

    /** Binds {@link #insert}. */
    void bindInsert(SqlStatement<?> statement, long namespaceId, T item) {
        statement.bind(0, namespaceId).bind(1, nameOf(item));
        bindColumns(statement, 2, item);
    }

    /** Binds {@link #update}: the item {@code currentName} of the namespace becomes {@code item}. */
    void bindUpdate(SqlStatement<?> statement, long namespaceId, String currentName, T item) {
        statement.bind(0, nameOf(item));
        bindColumns(statement, 1, item);
        statement.bind(1 + columns.size(), namespaceId).bind(2 + columns.size(), currentName);
    }

    private void bindColumns(SqlStatement<?> statement, int first, T item) {
        for (int k = 0; k < columns.size(); k++) {
            columns.get(k).binding().bind(statement, first + k, item);
        }
    }

    /** A column of the kind, after {@code name}, and how an item's value is bound to it. */
    record Column<T>(String name, Binding<T> binding) {

        static <T> Column<T> text(String name, Function<T, String> value) {
            return new Column<>(name, (statement, position, item) -> statement.bind(position, value.apply(item)));
        }

        /** A time, kept as nanoseconds since the epoch. */
        static <T> Column<T> nanos(String name, Function<T, Instant> value) {
            return new Column<>(
                    name,
                    (statement, position, item) -> statement.bind(position, Timestamps.toNanos(value.apply(item))));
        }
    }

    /** Binds one value of an item at a position of a statement. */
    @FunctionalInterface
    interface Binding<T> {
        void bind(SqlStatement<?> statement, int position, T item);
    }
}
