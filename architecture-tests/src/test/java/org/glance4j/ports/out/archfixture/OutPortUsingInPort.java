package org.glance4j.ports.out.archfixture;

/** Breaks rule (d): an outbound port that knows an inbound port. */
public interface OutPortUsingInPort {
    org.glance4j.ports.in.ImageService service();
}
