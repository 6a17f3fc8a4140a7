package org.glance4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenCacheTest {

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private static KeystoneToken expiringAt(Instant at) {
        return new KeystoneToken("u", "default", "p", "default", null, null, Set.of("member"), at);
    }

    @Test
    void aValidationIsServedUntilTheCacheTimeThenAskedAgain() {
        HandClock clock = new HandClock();
        TokenCache cache = new TokenCache(clock, Duration.ofSeconds(300), 10);
        KeystoneToken token = expiringAt(clock.instant().plus(Duration.ofHours(1)));
        cache.put("t", token);
        clock.advance(Duration.ofSeconds(299));
        assertThat(cache.get("t")).isEqualTo(token);
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get("t")).as("checked again after token_cache_time").isNull();
    }

    @Test
    void aCacheIgnoringExpiryServesAnExpiredTokensValidationForTheCacheTime() {
        HandClock clock = new HandClock();
        TokenCache cache = TokenCache.ignoringExpiry(clock, Duration.ofSeconds(300), 10);
        KeystoneToken expired = expiringAt(clock.instant().minus(Duration.ofSeconds(5)));
        cache.put("t", expired);
        clock.advance(Duration.ofSeconds(299));
        assertThat(cache.get("t")).isEqualTo(expired);
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get("t")).as("checked again after token_cache_time").isNull();
    }

    @Test
    void aTokenIsNeverServedAtOrPastItsExpiryEvenWithinTheCacheTime() {
        HandClock clock = new HandClock();
        TokenCache cache = new TokenCache(clock, Duration.ofSeconds(300), 10);
        cache.put("t", expiringAt(clock.instant().plus(Duration.ofSeconds(10))));
        clock.advance(Duration.ofMillis(9_999));
        assertThat(cache.get("t")).isNotNull();
        clock.advance(Duration.ofMillis(1));
        assertThat(cache.get("t")).as("at expires_at").isNull();
        cache.put("gone", expiringAt(clock.instant()));
        assertThat(cache.get("gone"))
                .as("an already expired validation is not kept")
                .isNull();
    }

    @Test
    void aZeroCacheTimeKeepsNothing() {
        HandClock clock = new HandClock();
        TokenCache cache = new TokenCache(clock, Duration.ZERO, 10);
        cache.put("t", expiringAt(clock.instant().plus(Duration.ofHours(1))));
        assertThat(cache.get("t")).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void theCacheStaysWithinItsCapacity() {
        HandClock clock = new HandClock();
        TokenCache cache = new TokenCache(clock, Duration.ofSeconds(300), 100);
        for (int i = 0; i < 10_000; i++) {
            cache.put("t" + i, expiringAt(clock.instant().plus(Duration.ofHours(1))));
            assertThat(cache.size()).isLessThanOrEqualTo(100);
        }
        assertThat(cache.get("t9999")).as("the newest entry is kept").isNotNull();
    }
}
