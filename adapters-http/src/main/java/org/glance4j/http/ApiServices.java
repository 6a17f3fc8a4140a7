package org.glance4j.http;

import java.util.Objects;

import org.glance4j.ports.in.ImageService;
import org.glance4j.ports.in.ImageTagService;
import org.glance4j.ports.in.SchemaService;

/** The use cases the HTTP adapter translates requests into. */
public record ApiServices(ImageService images, ImageTagService tags, SchemaService schemas) {
    public ApiServices {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(schemas, "schemas");
    }
}
