package org.glance4j.http;

import java.util.Objects;

import org.glance4j.ports.in.ImageActionService;
import org.glance4j.ports.in.ImageDataService;
import org.glance4j.ports.in.ImageMemberService;
import org.glance4j.ports.in.ImageService;
import org.glance4j.ports.in.ImageTagService;
import org.glance4j.ports.in.SchemaService;

/** The use cases the HTTP adapter translates requests into. */
public record ApiServices(ImageService images, ImageTagService tags, SchemaService schemas, ImageDataService data,
        ImageActionService actions, ImageMemberService members) {
    public ApiServices {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(schemas, "schemas");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(members, "members");
    }
}
