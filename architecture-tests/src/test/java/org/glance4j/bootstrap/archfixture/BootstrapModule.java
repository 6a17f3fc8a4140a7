package org.glance4j.bootstrap.archfixture;

/** Follows the Guice rule: app-bootstrap wires with Guice. */
public final class BootstrapModule extends com.google.inject.AbstractModule {
    @Override
    protected void configure() {}
}
