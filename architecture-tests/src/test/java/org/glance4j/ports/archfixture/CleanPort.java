package org.glance4j.ports.archfixture;

import java.util.List;

/** Follows every rule: a port record over the JDK and other ports. */
public record CleanPort(List<org.glance4j.ports.model.Image> images) {}
