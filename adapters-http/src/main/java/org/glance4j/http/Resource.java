package org.glance4j.http;

import java.io.IOException;

/** One resource of the v2 API: it serves the methods it knows and refuses the others with 405. */
interface Resource {

    void handle(ApiRequest request) throws IOException;

    /** The refusal of a method this resource does not serve. */
    static HttpFailure methodNotAllowed(ApiRequest request, String allow) {
        return HttpFailure.methodNotAllowed(request.method(), allow);
    }
}
