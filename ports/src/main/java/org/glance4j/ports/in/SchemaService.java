package org.glance4j.ports.in;

import java.util.Map;

/**
 * The JSON schemas the API publishes under {@code /v2/schemas}. They come from the same definitions the core
 * validates requests with, so what a client reads is what the server enforces. Values are plain JDK objects as in
 * {@link ImageService}.
 */
public interface SchemaService {

    /** The schema of one image ({@code GET /v2/schemas/image}). */
    Map<String, Object> imageSchema();

    /** The schema of an image list ({@code GET /v2/schemas/images}). */
    Map<String, Object> imagesSchema();

    /** The schema of one image member ({@code GET /v2/schemas/member}). */
    Map<String, Object> memberSchema();

    /** The schema of a member list ({@code GET /v2/schemas/members}). */
    Map<String, Object> membersSchema();
}
