package org.glance4j.jdbc.archfixture;

/** Breaks rule (c): the JDBC adapter reaching into another adapter. */
public final class JdbcUsingHttp {
    public org.glance4j.http.HttpSettings settings;
}
