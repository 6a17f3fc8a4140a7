package org.glance4j.core.archfixture;

/** With {@code sub.SubThing}, a cycle between a root package and its sub-package: rule (e) must fail. */
public final class RootThing {
    public org.glance4j.core.archfixture.sub.SubThing sub;
}
