package org.glance4j.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validated tokens kept in memory, so that a token seen again costs no call to Keystone. An entry is used until
 * {@code token_cache_time} after its validation, and never at or past the token's own {@code expires_at} (unless
 * the cache is made {@link #ignoringExpiry ignoring expiry}, for validations Keystone made with
 * {@code allow_expired}). The cache holds at most {@code capacity} entries: when full, stale entries go first, then
 * arbitrary ones.
 */
final class TokenCache {
    private final Clock clock;
    private final Duration cacheTime;
    private final int capacity;
    private final boolean boundedByExpiry;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(KeystoneToken token, Instant usableUntil) {}

    TokenCache(Clock clock, Duration cacheTime, int capacity) {
        this(clock, cacheTime, capacity, true);
    }

    private TokenCache(Clock clock, Duration cacheTime, int capacity, boolean boundedByExpiry) {
        this.clock = clock;
        this.cacheTime = cacheTime;
        this.capacity = capacity;
        this.boundedByExpiry = boundedByExpiry;
    }

    /** A cache whose entries last {@code token_cache_time} whatever the tokens' {@code expires_at}. */
    static TokenCache ignoringExpiry(Clock clock, Duration cacheTime, int capacity) {
        return new TokenCache(clock, cacheTime, capacity, false);
    }

    /** The token's validation, when it is cached and still usable now; else {@code null}. */
    KeystoneToken get(String token) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (!clock.instant().isBefore(entry.usableUntil())) {
            entries.remove(token, entry);
            return null;
        }
        return entry.token();
    }

    /**
     * Remembers a validation made now. A token already expired (unless this cache ignores expiry), or a cache time
     * of zero, is not kept.
     */
    void put(String token, KeystoneToken validated) {
        Instant now = clock.instant();
        Instant recheck = now.plus(cacheTime);
        Instant until = boundedByExpiry && validated.expiresAt().isBefore(recheck) ? validated.expiresAt() : recheck;
        if (!now.isBefore(until)) {
            return;
        }
        if (entries.size() >= capacity) {
            makeRoom(now);
        }
        entries.put(token, new Entry(validated, until));
    }

    int size() {
        return entries.size();
    }

    private void makeRoom(Instant now) {
        entries.values().removeIf(e -> !now.isBefore(e.usableUntil()));
        Iterator<String> keys = entries.keySet().iterator();
        int excess = entries.size() - capacity + Math.max(1, capacity / 10);
        while (excess-- > 0 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
