package org.glance4j.http;

import io.undertow.util.AttachmentKey;

/**
 * A request body read before the call reached a worker thread (see {@link RequestBodyReceiver}): its bytes, or
 * why there are none.
 *
 * @param bytes   the whole body; empty unless {@code outcome} is {@link Outcome#READ}
 * @param outcome whether it was read, was larger than {@link ApiRequest#MAX_BODY_BYTES}, or broke off
 */
record RequestBody(byte[] bytes, Outcome outcome) {
    static final AttachmentKey<RequestBody> KEY = AttachmentKey.create(RequestBody.class);
    private static final byte[] NONE = new byte[0];

    enum Outcome {
        READ,
        TOO_LARGE,
        UNREADABLE
    }

    static RequestBody read(byte[] bytes) {
        return new RequestBody(bytes, Outcome.READ);
    }

    static RequestBody tooLarge() {
        return new RequestBody(NONE, Outcome.TOO_LARGE);
    }

    static RequestBody unreadable() {
        return new RequestBody(NONE, Outcome.UNREADABLE);
    }
}
