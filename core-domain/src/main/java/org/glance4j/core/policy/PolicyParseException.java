package org.glance4j.core.policy;

/** A check string that is not valid oslo.policy syntax. The message says what and where. */
public final class PolicyParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public PolicyParseException(String message) {
        super(message);
    }
}
