package org.glance4j.http;

import java.util.Objects;

import org.glance4j.ports.in.ImageActionService;
import org.glance4j.ports.in.ImageDataService;
import org.glance4j.ports.in.ImageService;
import org.glance4j.ports.in.ImageTagService;
import org.glance4j.ports.in.ImportService;
import org.glance4j.ports.in.SchemaService;
import org.glance4j.ports.in.TaskService;

/**
 * The use cases the HTTP adapter translates requests into. {@code importing} and {@code tasks} may be null: the
 * import, stage, info/import and task paths then answer 404 and image creation sends no
 * {@code OpenStack-image-import-methods}.
 */
public record ApiServices(ImageService images, ImageTagService tags, SchemaService schemas, ImageDataService data,
        ImageActionService actions, ImportService importing, TaskService tasks) {

    /** The services without import and tasks. */
    public ApiServices(ImageService images, ImageTagService tags, SchemaService schemas, ImageDataService data,
            ImageActionService actions) {
        this(images, tags, schemas, data, actions, null, null);
    }

    public ApiServices {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(schemas, "schemas");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(actions, "actions");
    }
}
