package org.glance4j.http;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Request ids of the form {@code req-<uuid>}. */
final class RequestIds {
    private static final Pattern REQUEST_ID =
            Pattern.compile("req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private RequestIds() {}

    /** A fresh random (version 4) id; not meant to be secret, so no secure random source is needed. */
    static String generate() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return "req-" + new UUID(msb, lsb);
    }

    /** Whether a client-supplied id has the exact shape of one of ours. */
    static boolean isWellFormed(String id) {
        return id != null && id.length() == 40 && REQUEST_ID.matcher(id).matches();
    }
}
