package org.glance4j.jdbc.archfixture;

/** Breaks rule (c): an adapter that knows app-bootstrap. */
public final class JdbcUsingBootstrap {
    public org.glance4j.bootstrap.GlanceApplication application;
}
