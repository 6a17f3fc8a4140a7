package org.glance4j.core.archfixture;

/** Breaks rule (b) and (f): core that knows JDBI. */
public final class CoreUsingJdbi {
    public org.jdbi.v3.core.Jdbi jdbi;
}
