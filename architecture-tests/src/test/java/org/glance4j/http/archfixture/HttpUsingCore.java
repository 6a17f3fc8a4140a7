package org.glance4j.http.archfixture;

/** Breaks rule (c): the HTTP adapter reaching into core-domain. */
public final class HttpUsingCore {
    public org.glance4j.core.GlanceCore core;
}
