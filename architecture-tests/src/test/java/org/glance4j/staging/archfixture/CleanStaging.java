package org.glance4j.staging.archfixture;

/** Follows every rule: the staging adapter over the JDK, the ports and Jackson. */
public final class CleanStaging {
    private org.glance4j.ports.out.importing.StagingArea staging;
    private com.fasterxml.jackson.databind.ObjectMapper json;
    private java.nio.file.Path dir;
}
