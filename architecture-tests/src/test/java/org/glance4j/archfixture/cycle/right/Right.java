package org.glance4j.archfixture.cycle.right;

/** The other half of a package cycle, to break rule (e). */
public final class Right {
    public org.glance4j.archfixture.cycle.left.Left left;
}
