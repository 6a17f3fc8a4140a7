package org.glance4j.ports.archfixture;

/** Breaks rule (a) and (f): a port that uses Jackson. */
public final class PortWithJackson {
    public com.fasterxml.jackson.databind.JsonNode body;
}
