package org.glance4j.bootstrap.config;

/** How far glance4j honours a Glance option. */
public enum OptionSupport {
    /** Read, validated, and acted on. */
    SUPPORTED,
    /** Read and validated, but it changes nothing in glance4j (the reason is in the option's description). */
    ACCEPTED_NO_EFFECT,
    /** Known from Glance but not implemented yet: listed at start-up as ignored, never fatal. */
    NOT_SUPPORTED_YET
}
