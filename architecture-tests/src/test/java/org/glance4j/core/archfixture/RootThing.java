package org.glance4j.core.archfixture;

/** With {@code sub.SubThing}, a package cycle that does not go through GlanceCore: rule (e) must still fail. */
public final class RootThing {
    public org.glance4j.core.archfixture.sub.SubThing sub;
}
