package org.glance4j.jdbc;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

/**
 * The few places where SQLite and PostgreSQL really differ: text collation and null placement in index
 * definitions, spelling of null ordering, and how constraint violations are reported.
 */
enum Dialect {
    SQLITE {
        @Override
        Map<String, String> schemaPlaceholders() {
            // SQLite compares text byte-wise (BINARY) by default and puts nulls first in ascending indexes.
            return Map.of("${text}", "", "${nullsFirst}", "");
        }

        @Override
        String nullOrdering(boolean ascending) {
            return ""; // SQLite treats null as the smallest value already
        }

        @Override
        String pageExtrasSql() {
            return "SELECT i.id,"
                    + " (SELECT json_group_array(t.value ORDER BY t.position) FROM image_tags t WHERE t.image_id = i.id),"
                    + " (SELECT json_group_object(p.name, p.value) FROM image_properties p WHERE p.image_id = i.id)"
                    + " FROM images i WHERE i.id IN (SELECT value FROM json_each(?))";
        }

        @Override
        boolean isUniqueViolation(SQLException e) {
            int code = e.getErrorCode() & 0xff;
            String message = String.valueOf(e.getMessage());
            return code == 19 && (message.contains("UNIQUE") || message.contains("PRIMARYKEY"));
        }

        @Override
        boolean isForeignKeyViolation(SQLException e) {
            return (e.getErrorCode() & 0xff) == 19 && String.valueOf(e.getMessage()).contains("FOREIGN");
        }
    },
    POSTGRESQL {
        @Override
        Map<String, String> schemaPlaceholders() {
            // "C" makes text order byte-wise (code point order), as in SQLite and Java, whatever the database locale.
            return Map.of("${text}", " COLLATE \"C\"", "${nullsFirst}", " NULLS FIRST");
        }

        @Override
        String nullOrdering(boolean ascending) {
            return ascending ? " NULLS FIRST" : " NULLS LAST";
        }

        @Override
        String pageExtrasSql() {
            return "SELECT i.id,"
                    + " (SELECT COALESCE(json_agg(t.value ORDER BY t.position), '[]'::json) FROM image_tags t"
                    + " WHERE t.image_id = i.id),"
                    + " (SELECT COALESCE(json_object_agg(p.name, p.value), '{}'::json) FROM image_properties p"
                    + " WHERE p.image_id = i.id)"
                    + " FROM images i WHERE i.id IN (SELECT json_array_elements_text(CAST(? AS json)))";
        }

        @Override
        boolean isUniqueViolation(SQLException e) {
            return "23505".equals(e.getSQLState());
        }

        @Override
        boolean isForeignKeyViolation(SQLException e) {
            return "23503".equals(e.getSQLState());
        }
    };

    /** Text substituted into the migration scripts. */
    abstract Map<String, String> schemaPlaceholders();

    /** What to append to an ORDER BY term on a nullable column so that null sorts as the smallest value. */
    abstract String nullOrdering(boolean ascending);

    /**
     * One row per listed image: id, its tags as a JSON array in order, its properties as a JSON object. The one
     * parameter is a JSON array of the ids.
     */
    abstract String pageExtrasSql();

    abstract boolean isUniqueViolation(SQLException e);

    abstract boolean isForeignKeyViolation(SQLException e);

    static Dialect of(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported database URL " + jdbcUrl
                + ": use jdbc:sqlite:/path/glance.sqlite or jdbc:postgresql://host:port/database");
    }
}
