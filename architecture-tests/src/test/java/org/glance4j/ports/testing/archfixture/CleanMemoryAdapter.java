package org.glance4j.ports.testing.archfixture;

/** Keeps rule (h): an in-memory adapter implements an outbound port with records of the ports and the JDK. */
public final class CleanMemoryAdapter {
    public org.glance4j.ports.out.ImageRepository images;
    public org.glance4j.ports.model.Image image;
    public org.glance4j.ports.error.GlanceException refusal;
    public java.util.Map<String, byte[]> objects;
}
