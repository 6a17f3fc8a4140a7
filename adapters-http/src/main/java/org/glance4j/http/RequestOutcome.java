package org.glance4j.http;

/**
 * One finished HTTP request, as the access log and the metrics see it.
 *
 * @param method        the HTTP method
 * @param route         the path template, e.g. {@code /v2/images/{image_id}/file} (see {@link RouteTemplates}); never
 *                      the raw path, so that it can label metrics
 * @param status        the status code sent
 * @param bytesReceived the bytes of the request body read (an upload's image data included)
 * @param bytesSent     the bytes of the response body sent (a download's image data included)
 * @param durationNanos from the start of the request to the end of the response
 * @param requestId     the {@code x-openstack-request-id} of the answer
 * @param projectId     the caller's project, or null when the caller was not identified
 */
public record RequestOutcome(
        String method,
        String route,
        int status,
        long bytesReceived,
        long bytesSent,
        long durationNanos,
        String requestId,
        String projectId) {}
