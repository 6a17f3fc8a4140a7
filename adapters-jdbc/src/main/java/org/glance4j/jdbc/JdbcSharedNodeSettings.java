package org.glance4j.jdbc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.glance4j.ports.out.SharedNodeSettings;
import org.jdbi.v3.core.JdbiException;

/**
 * The shared node settings in the {@code shared_node_settings} table, one row per name. A value is recorded by an
 * {@code INSERT} that the primary key lets only one process win; the losers read the winner's value.
 */
final class JdbcSharedNodeSettings implements SharedNodeSettings {

    private final Database database;

    JdbcSharedNodeSettings(Database database) {
        this.database = database;
    }

    @Override
    public Map<String, String> recordMissing(Map<String, String> values) {
        for (Map.Entry<String, String> entry : values.entrySet()) {
            insertUnlessRecorded(entry.getKey(), entry.getValue());
        }
        Map<String, String> all = recorded();
        Map<String, String> result = new LinkedHashMap<>();
        values.keySet().forEach(name -> result.put(name, all.get(name)));
        return result;
    }

    private void insertUnlessRecorded(String name, String value) {
        try {
            database.write(handle -> {
                boolean exists = handle.createQuery("SELECT COUNT(*) FROM shared_node_settings WHERE name = ?")
                                .bind(0, name)
                                .mapTo(Long.class)
                                .one()
                        > 0;
                if (!exists) {
                    handle.createUpdate("INSERT INTO shared_node_settings (name, value) VALUES (?, ?)")
                            .bind(0, name)
                            .bind(1, value)
                            .execute();
                }
                return null;
            });
        } catch (JdbiException e) {
            if (!database.isUniqueViolation(e)) { // else another node recorded it first, which is what we read
                throw Database.unavailable(e);
            }
        }
    }

    @Override
    public void replace(Map<String, String> values) {
        for (Map.Entry<String, String> entry : values.entrySet()) {
            try {
                database.write(handle -> {
                    int updated = handle.createUpdate("UPDATE shared_node_settings SET value = ? WHERE name = ?")
                            .bind(0, entry.getValue())
                            .bind(1, entry.getKey())
                            .execute();
                    if (updated == 0) {
                        handle.createUpdate("INSERT INTO shared_node_settings (name, value) VALUES (?, ?)")
                                .bind(0, entry.getKey())
                                .bind(1, entry.getValue())
                                .execute();
                    }
                    return null;
                });
            } catch (JdbiException e) {
                throw Database.unavailable(e);
            }
        }
    }

    @Override
    public Map<String, String> recorded() {
        try {
            return database.read(handle -> {
                Map<String, String> all = new TreeMap<>();
                handle.createQuery("SELECT name, value FROM shared_node_settings")
                        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                        .forEach(entry -> all.put(entry.getKey(), entry.getValue()));
                return all;
            });
        } catch (JdbiException e) {
            throw Database.unavailable(e);
        }
    }
}
