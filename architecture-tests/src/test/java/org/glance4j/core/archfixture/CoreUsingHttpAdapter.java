package org.glance4j.core.archfixture;

/** Breaks rule (b): core that knows an adapter. */
public final class CoreUsingHttpAdapter {
    public org.glance4j.http.AuthMode mode;
}
