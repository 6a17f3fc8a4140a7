package org.glance4j.ports.archfixture;

/** Breaks rule (a): a port that reaches into core-domain. */
public final class PortUsingCore {
    public org.glance4j.core.settings.CoreSettings settings;
}
