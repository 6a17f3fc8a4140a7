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
    private final Resource members;
    private final Resource member;
    private final Resource memberSchema;
    private final Resource membersSchema;

    V2Router(ApiServices services) {
        this.images = new ImagesResource(services.images());
        this.image = new ImageResource(services.images());
        this.tags = new ImageTagsResource(services.tags());
        this.imageSchema = new SchemasResource(services.schemas(), SchemasResource.Document.IMAGE);
        this.imagesSchema = new SchemasResource(services.schemas(), SchemasResource.Document.IMAGES);
        this.memberSchema = new SchemasResource(services.schemas(), SchemasResource.Document.MEMBER);
        this.membersSchema = new SchemasResource(services.schemas(), SchemasResource.Document.MEMBERS);
        this.members = new ImageMembersResource(services.members());
        this.member = new ImageMemberResource(services.members());
        this.file = new ImageFileResource(services.data());
        this.actions = new ImageActionsResource(services.actions());
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
        switch (s.size()) {
            case 1:
                return s.get(0).equals("images") ? images : null;
            case 2:
                if (s.get(0).equals("images")) {
                    return image;
                }
                return s.get(0).equals("schemas") ? schema(s.get(1)) : null;
            case 3:
                if (!s.get(0).equals("images")) {
                    return null;
                }
                return s.get(2).equals("file") ? file : s.get(2).equals("members") ? members : null;
            case 4:
                if (!s.get(0).equals("images")) {
                    return null;
                }
                if (s.get(2).equals("tags")) {
                    return tags;
                }
                if (s.get(2).equals("members")) {
                    return member;
                }
                return s.get(2).equals("actions") && ImageActionsResource.ACTIONS.contains(s.get(3)) ? actions : null;
            default:
                return null;
        }
    }

    private Resource schema(String name) {
        return switch (name) {
            case "image" -> imageSchema;
            case "images" -> imagesSchema;
            case "member" -> memberSchema;
            case "members" -> membersSchema;
            default -> null;
        };
    }
}
