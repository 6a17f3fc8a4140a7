package org.glance4j.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A token glance4j obtains with its own credentials for its calls to Keystone (validating callers' tokens, reading
 * limits): issued on first use, reused until a minute before its {@code expires_at}, and issued again after Keystone
 * rejected it ({@link #discard}). Safe for concurrent use; only one caller at a time asks for a new one.
 */
final class OwnToken {
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);

    /** A token as Keystone issued it. */
    record Issued(String value, Instant expiresAt) {}

    private final Clock clock;
    private final Supplier<Issued> issuer;
    private volatile Issued current;

    /**
     * @param issuer asks Keystone for a new token; throws what the caller's own calls throw when it cannot
     */
    OwnToken(Clock clock, Supplier<Issued> issuer) {
        this.clock = clock;
        this.issuer = issuer;
    }

    /** The token to send now: the held one while it is good for a minute more, otherwise a new one. */
    String value() {
        Issued held = current;
        if (usable(held)) {
            return held.value();
        }
        synchronized (this) {
            held = current;
            if (usable(held)) {
                return held.value();
            }
            Issued fresh = issuer.get();
            current = fresh;
            return fresh.value();
        }
    }

    /** Forgets {@code rejected} (Keystone answered 401 to it), so that the next {@link #value()} asks again. */
    synchronized void discard(String rejected) {
        if (current != null && current.value().equals(rejected)) {
            current = null;
        }
    }

    private boolean usable(Issued held) {
        return held != null && clock.instant().plus(RENEW_BEFORE_EXPIRY).isBefore(held.expiresAt());
    }
}
