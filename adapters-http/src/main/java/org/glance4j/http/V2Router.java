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
    private final Resource stage;
    private final Resource importImage;
    private final Resource infoImport;
    private final Resource tasks;
    private final Resource task;
    private final Resource imageTasks;
    private final Resource taskSchema;
    private final Resource tasksSchema;

    V2Router(ApiServices services) {
        this.images = new ImagesResource(services.images(), services.importing());
        this.image = new ImageResource(services.images());
        this.tags = new ImageTagsResource(services.tags());
        this.imageSchema = new SchemasResource(services.schemas(), true);
        this.imagesSchema = new SchemasResource(services.schemas(), false);
        this.file = new ImageFileResource(services.data());
        this.actions = new ImageActionsResource(services.actions());
        boolean importing = services.importing() != null;
        boolean withTasks = services.tasks() != null;
        this.stage = importing ? new ImageStageResource(services.importing()) : null;
        this.importImage = importing ? new ImageImportResource(services.importing()) : null;
        this.infoImport = importing ? new InfoImportResource(services.importing()) : null;
        this.tasks = withTasks ? new TasksResource(services.tasks(), false) : null;
        this.task = withTasks ? new TasksResource(services.tasks(), true) : null;
        this.imageTasks = withTasks ? new ImageTasksResource(services.tasks()) : null;
        this.taskSchema = withTasks ? new TaskSchemasResource(services.tasks(), true) : null;
        this.tasksSchema = withTasks ? new TaskSchemasResource(services.tasks(), false) : null;
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
                return s.get(0).equals("images") ? images : s.get(0).equals("tasks") ? tasks : null;
            case 2:
                if (s.get(0).equals("images")) {
                    return image;
                }
                if (s.get(0).equals("schemas")) {
                    return s.get(1).equals("image") ? imageSchema : s.get(1).equals("images") ? imagesSchema
                            : s.get(1).equals("task") ? taskSchema : s.get(1).equals("tasks") ? tasksSchema : null;
                }
                if (s.get(0).equals("tasks")) {
                    return task;
                }
                if (s.get(0).equals("info") && s.get(1).equals("import")) {
                    return infoImport;
                }
                return null;
            case 3:
                if (!s.get(0).equals("images")) {
                    return null;
                }
                return switch (s.get(2)) {
                    case "file" -> file;
                    case "stage" -> stage;
                    case "import" -> importImage;
                    case "tasks" -> imageTasks;
                    default -> null;
                };
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
