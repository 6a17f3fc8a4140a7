package org.glance4j.bootstrap.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Translates the SQLAlchemy URLs of {@code [database] connection} to JDBC.
 *
 * <ul>
 *   <li>{@code sqlite:///relative/path.db}: a file relative to the working directory, as in SQLAlchemy;</li>
 *   <li>{@code sqlite:////absolute/path.db}: an absolute file;</li>
 *   <li>{@code postgresql://user:password@host:port/db?params} and the driver variants
 *       {@code postgresql+psycopg2://} and {@code postgresql+psycopg://}: {@code jdbc:postgresql://host:port/db?params}
 *       with the user and password (percent-decoded) passed apart.</li>
 *   <li>{@code mysql+pymysql://user:password@host:port/db?charset=utf8} and the other MySQL spellings
 *       ({@code mysql://}, {@code mysql+mysqldb://}, {@code mysql+mysqlconnector://}, {@code mariadb://},
 *       {@code mariadb+pymysql://}): {@code jdbc:mariadb://host:port/db} for MariaDB's driver, host
 *       {@code localhost} when none is given; the query parameters are not passed on but listed as ignored, each
 *       with why (the driver always talks utf8mb4; it connects over TCP, not {@code unix_socket}; it reads no
 *       MySQL option file).</li>
 * </ul>
 * In-memory SQLite ({@code sqlite://}) and other databases are refused with a {@link ConfigException}.
 */
public final class SqlAlchemyUrls {

    private SqlAlchemyUrls() {}

    /**
     * Translates one URL.
     *
     * @param url         the SQLAlchemy URL
     * @param optionName  how to name the option in messages
     * @param workingDir  the directory relative SQLite paths are resolved against
     */
    public static DatabaseTarget toJdbc(String url, String optionName, Path workingDir) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd <= 0) {
            throw invalid(optionName, url, "it is not a URL like sqlite:///path or postgresql://user@host/db");
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(java.util.Locale.ROOT);
        String rest = url.substring(schemeEnd + 3);
        String dialect = scheme.contains("+") ? scheme.substring(0, scheme.indexOf('+')) : scheme;
        switch (dialect) {
            case "sqlite":
                return sqlite(rest, url, optionName, workingDir);
            case "postgresql":
            case "postgres":
                return postgresql(rest, url, optionName);
            case "mysql":
            case "mariadb":
                return mariadb(rest, url, optionName);
            default:
                throw invalid(
                        optionName,
                        url,
                        "glance4j supports sqlite, postgresql and mysql (MariaDB) databases," + " not " + dialect);
        }
    }

    private static DatabaseTarget sqlite(String rest, String url, String optionName, Path workingDir) {
        if (!rest.startsWith("/") || rest.length() == 1) {
            throw invalid(
                    optionName, url, "in-memory SQLite is not supported; give a file, e.g. sqlite:///glance.sqlite");
        }
        String pathText = stripQuery(rest.substring(1));
        Path path = Path.of(pathText);
        Path file = path.isAbsolute() ? path : workingDir.resolve(path);
        return new DatabaseTarget(
                DatabaseTarget.Kind.SQLITE,
                "jdbc:sqlite:" + file.toAbsolutePath().normalize(),
                null,
                null);
    }

    private static DatabaseTarget postgresql(String rest, String url, String optionName) {
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q);
            rest = rest.substring(0, q);
        }
        int at = rest.lastIndexOf('@');
        String credentials = at >= 0 ? rest.substring(0, at) : null;
        String hostAndDb = at >= 0 ? rest.substring(at + 1) : rest;
        int slash = hostAndDb.indexOf('/');
        if (slash <= 0 || slash == hostAndDb.length() - 1) {
            throw invalid(
                    optionName,
                    url,
                    "a postgresql URL needs a host and a database: postgresql://user:password@host:port/db");
        }
        String hostPort = hostAndDb.substring(0, slash);
        String database = hostAndDb.substring(slash + 1);
        String user = null;
        String password = null;
        if (credentials != null) {
            int colon = credentials.indexOf(':');
            user = decode(colon >= 0 ? credentials.substring(0, colon) : credentials);
            password = colon >= 0 ? decode(credentials.substring(colon + 1)) : null;
        }
        return new DatabaseTarget(
                DatabaseTarget.Kind.POSTGRESQL,
                "jdbc:postgresql://" + hostPort + "/" + database + query,
                user,
                password);
    }

    private static DatabaseTarget mariadb(String rest, String url, String optionName) {
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int at = rest.lastIndexOf('@');
        String credentials = at >= 0 ? rest.substring(0, at) : null;
        String hostAndDb = at >= 0 ? rest.substring(at + 1) : rest;
        int slash = hostAndDb.indexOf('/');
        if (slash < 0 || slash == hostAndDb.length() - 1) {
            throw invalid(optionName, url, "a mysql URL needs a database: mysql+pymysql://user:password@host:port/db");
        }
        String hostPort = slash == 0 ? "localhost" : hostAndDb.substring(0, slash);
        String database = decode(hostAndDb.substring(slash + 1));
        if (!database.matches("[A-Za-z0-9_$-]+")) {
            throw invalid(optionName, url, "the database name '" + database + "' must be letters, digits, _, $ or -");
        }
        String user = null;
        String password = null;
        if (credentials != null) {
            int colon = credentials.indexOf(':');
            user = decode(colon >= 0 ? credentials.substring(0, colon) : credentials);
            password = colon >= 0 ? decode(credentials.substring(colon + 1)) : null;
        }
        Map<String, String> ignored = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals >= 0 ? pair.substring(0, equals) : pair);
            ignored.put(name, whyIgnored(name.toLowerCase(Locale.ROOT)));
        }
        return new DatabaseTarget(
                DatabaseTarget.Kind.MARIADB, "jdbc:mariadb://" + hostPort + "/" + database, user, password, ignored);
    }

    /** Why glance4j does not use a query parameter of a MySQL URL. */
    private static String whyIgnored(String name) {
        return switch (name) {
            case "charset" -> "glance4j always talks utf8mb4 to MariaDB";
            case "unix_socket" -> "glance4j connects over TCP to the URL's host and port";
            case "read_default_file", "read_default_group" ->
                "glance4j reads no MySQL option file: give user, password, host and database in the URL";
            default -> "not used by glance4j";
        };
    }

    private static String stripQuery(String text) {
        int q = text.indexOf('?');
        return q >= 0 ? text.substring(0, q) : text;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static ConfigException invalid(String optionName, String url, String why) {
        return new ConfigException("invalid value for " + optionName + ": " + masked(url) + ": " + why);
    }

    /** The URL with any password replaced by {@code ****}, for messages. */
    static String masked(String url) {
        return url.replaceFirst("(://[^:/@]*:)[^@/]*@", "$1****@");
    }
}
