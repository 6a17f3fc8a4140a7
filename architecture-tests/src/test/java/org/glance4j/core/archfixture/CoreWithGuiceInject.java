package org.glance4j.core.archfixture;

/** Breaks rule (b) and (f): a core service with Guice's {@code @Inject}. */
public final class CoreWithGuiceInject {
    @com.google.inject.Inject
    public CoreWithGuiceInject() {}
}
