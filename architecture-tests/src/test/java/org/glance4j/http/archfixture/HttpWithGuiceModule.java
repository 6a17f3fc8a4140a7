package org.glance4j.http.archfixture;

/** Breaks the Guice rule: an adapter wires itself with Guice. */
public final class HttpWithGuiceModule extends com.google.inject.AbstractModule {
    @Override
    protected void configure() {}
}
