package org.glance4j.core.archfixture;

/** Breaks rule (b) and (f): core that knows Undertow. */
public final class CoreUsingUndertow {
    public io.undertow.server.HttpHandler handler;
}
