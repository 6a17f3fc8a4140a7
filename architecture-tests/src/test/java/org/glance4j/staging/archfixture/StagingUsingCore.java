package org.glance4j.staging.archfixture;

/** Breaks rule (c): the staging adapter reaches into the core. */
public final class StagingUsingCore {
    private org.glance4j.core.settings.CoreSettings settings;
}
