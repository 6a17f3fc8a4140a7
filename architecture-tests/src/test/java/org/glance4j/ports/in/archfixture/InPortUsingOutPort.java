package org.glance4j.ports.in.archfixture;

/** Breaks rule (d): an inbound port that knows an outbound port. */
public interface InPortUsingOutPort {
    org.glance4j.ports.out.ImageRepository repository();
}
