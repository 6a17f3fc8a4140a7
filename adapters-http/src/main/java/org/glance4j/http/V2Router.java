package org.glance4j.http;

import java.util.List;
import java.util.Set;

/**
 * Maps a path under {@code /v2} to its resource. Paths are matched segment by segment after percent-decoding
 * each segment, so an encoded {@code /} inside a tag stays part of the tag.
 */
final class V2Router {
    private static final Set<String> IMPLEMENTED_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH");

    private final Resource images;
    private final Resource image;
    private final Resource tags;
    private final Resource imageSchema;
    private final Resource imagesSchema;
    private final Resource file;
    private final Resource actions;
    private final MetadefRoutes metadefs;

    V2Router(ApiServices services) {
        this.images = new ImagesResource(services.images());
        this.image = new ImageResource(services.images());
        this.tags = new ImageTagsResource(services.tags());
        this.imageSchema = new SchemasResource(services.schemas(), true);
        this.imagesSchema = new SchemasResource(services.schemas(), false);
        this.file = new ImageFileResource(services.data());
        this.actions = new ImageActionsResource(services.actions());
        this.metadefs = services.metadefs() == null ? null : new MetadefRoutes(services.metadefs());
    }

    /** The resource for the segments, or a 404 (501 for a method Glance does not implement at all). */
    Resource route(String method, List<String> segments) {
        Resource resource = match(segments);
        if (resource != null) {
            return resource;
        }
        throw IMPLEMENTED_METHODS.contains(method) ? HttpFailure.notFound() : HttpFailure.notImplemented();
    }

    private Resource match(List<String> s) {
        for (String segment : s) {
            if (segment.isEmpty()) {
                return null;
            }
        }
        if (metadefs != null && MetadefRoutes.claims(s)) {
            return metadefs.match(s);
        }
        switch (s.size()) {
            case 1:
                return s.get(0).equals("images") ? images : null;
            case 2:
                if (s.get(0).equals("images")) {
                    return image;
                }
                if (s.get(0).equals("schemas")) {
                    return s.get(1).equals("image") ? imageSchema : s.get(1).equals("images") ? imagesSchema : null;
                }
                return null;
            case 3:
                return s.get(0).equals("images") && s.get(2).equals("file") ? file : null;
            case 4:
                if (!s.get(0).equals("images")) {
                    return null;
                }
                if (s.get(2).equals("tags")) {
                    return tags;
                }
                return s.get(2).equals("actions") && ImageActionsResource.ACTIONS.contains(s.get(3)) ? actions : null;
            default:
                return null;
        }
    }
}
