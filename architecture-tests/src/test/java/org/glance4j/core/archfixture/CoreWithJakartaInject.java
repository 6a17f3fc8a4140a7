package org.glance4j.core.archfixture;

/** Breaks rule (b) and (f): a core service with {@code jakarta.inject.Inject}. */
public final class CoreWithJakartaInject {
    @jakarta.inject.Inject
    public CoreWithJakartaInject() {}
}
