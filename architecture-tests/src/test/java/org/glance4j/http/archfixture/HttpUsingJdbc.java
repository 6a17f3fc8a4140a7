package org.glance4j.http.archfixture;

/** Breaks rule (c): the HTTP adapter reaching into another adapter. */
public final class HttpUsingJdbc {
    public org.glance4j.jdbc.JdbcSettings settings;
}
