package org.glance4j.archfixture.cycle.left;

/** Half of a package cycle, to break rule (e). */
public final class Left {
    public org.glance4j.archfixture.cycle.right.Right right;
}
