package org.glance4j.http;

import java.io.IOException;

/** One resource of the v2 API: it serves the methods it knows and refuses the others with 405. */
interface Resource {

    void handle(ApiRequest request) throws IOException;

    /** The refusal of a method this resource does not serve. */
    static HttpFailure methodNotAllowed(ApiRequest request, String allow) {
        return HttpFailure.methodNotAllowed(request.method(), allow);
    }

    /**
     * For a resource that only reads: lets a {@code GET} without a body through, refuses a {@code GET} with a body
     * as {@link ApiRequest#rejectBody()} does and any other method with 405 naming {@code allow}.
     */
    static void requireGet(ApiRequest request, String allow) {
        if (!request.method().equals("GET")) {
            throw methodNotAllowed(request, allow);
        }
        request.rejectBody();
    }
}
