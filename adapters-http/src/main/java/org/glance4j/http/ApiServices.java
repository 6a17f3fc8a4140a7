package org.glance4j.http;

import java.util.Objects;

import org.glance4j.ports.in.metadef.MetadefServices;

import org.glance4j.ports.in.ImageActionService;
import org.glance4j.ports.in.ImageDataService;
import org.glance4j.ports.in.ImageService;
import org.glance4j.ports.in.ImageTagService;
import org.glance4j.ports.in.SchemaService;

/**
 * The use cases the HTTP adapter translates requests into. {@code metadefs} may be null: the metadata definitions
 * paths then answer 404, as for any path the server does not serve.
 */
public record ApiServices(ImageService images, ImageTagService tags, SchemaService schemas, ImageDataService data,
        ImageActionService actions, MetadefServices metadefs) {

    /** The image use cases without the metadata definitions catalog. */
    public ApiServices(ImageService images, ImageTagService tags, SchemaService schemas, ImageDataService data,
            ImageActionService actions) {
        this(images, tags, schemas, data, actions, null);
    }

    public ApiServices {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(schemas, "schemas");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(actions, "actions");
    }
}
