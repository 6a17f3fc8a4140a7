package org.glance4j.http;

import java.io.IOException;
import java.util.List;
import org.glance4j.ports.in.ImageService;
import org.glance4j.ports.in.PatchOperation;
import org.glance4j.ports.model.Image;

/** {@code GET}, {@code PATCH} and {@code DELETE /v2/images/{id}}. */
final class ImageResource implements Resource {
    static final String ALLOW = "GET, PATCH, DELETE";

    private final ImageService images;
    private final ImageView view;

    ImageResource(ImageService images) {
        this(images, ImageView.PLAIN);
    }

    ImageResource(ImageService images, ImageView view) {
        this.images = images;
        this.view = view;
    }

    @Override
    public void handle(ApiRequest request) throws IOException {
        String imageId = request.segment(1);
        switch (request.method()) {
            case "GET" -> {
                request.rejectBody();
                Image image = images.get(request.context(), imageId);
                Responses.json(request.exchange(), 200, g -> ImageJson.write(g, image, view));
            }
            case "PATCH" -> {
                List<PatchOperation> operations = PatchBodyParser.parse(request);
                Image image = images.update(request.context(), imageId, operations);
                Responses.json(request.exchange(), 200, g -> ImageJson.write(g, image, view));
            }
            case "DELETE" -> {
                request.rejectBody();
                images.delete(request.context(), imageId);
                Responses.noContent(request.exchange());
            }
            default -> throw Resource.methodNotAllowed(request, ALLOW);
        }
    }
}
