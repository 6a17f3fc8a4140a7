package org.glance4j.http;

import org.glance4j.ports.in.ImageTagService;

/** {@code PUT} and {@code DELETE /v2/images/{id}/tags/{tag}}; the tag is the percent-decoded path segment. */
final class ImageTagsResource implements Resource {
    static final String ALLOW = "PUT, DELETE";

    private final ImageTagService tags;

    ImageTagsResource(ImageTagService tags) {
        this.tags = tags;
    }

    @Override
    public void handle(ApiRequest request) {
        String imageId = request.segment(1);
        String tag = request.segment(3);
        switch (request.method()) {
            case "PUT" -> {
                request.rejectBody();
                tags.addTag(request.context(), imageId, tag);
            }
            case "DELETE" -> {
                request.rejectBody();
                tags.removeTag(request.context(), imageId, tag);
            }
            default -> throw Resource.methodNotAllowed(request, ALLOW);
        }
        Responses.noContent(request.exchange());
    }
}
