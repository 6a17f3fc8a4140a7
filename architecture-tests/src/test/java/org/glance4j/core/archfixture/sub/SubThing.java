package org.glance4j.core.archfixture.sub;

/** The other half of {@code RootThing}'s cycle. */
public final class SubThing {
    public org.glance4j.core.archfixture.RootThing root;
}
