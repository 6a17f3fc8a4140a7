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
    private final Resource storesInfo;
    private final Resource storesDetail;
    private final Resource storeImage;
    private final Resource locations;
    private final MetadefRoutes metadefs;

    private final Resource stage;
    private final Resource importImage;
    private final Resource infoImport;
    private final Resource infoUsage;
    private final Resource tasks;
    private final Resource task;
    private final Resource imageTasks;
    private final Resource taskSchema;
    private final Resource tasksSchema;
    private final Resource cache;
    private final Resource verification;
    private final Resource tus;

    V2Router(ApiServices services) {
        ImageView view = ImageView.of(services.locations(), services.stores());
        this.infoUsage = new InfoUsageResource(services.usage());
        this.cache = new CacheResource(services.cache());
        this.verification = services.verification() == null ? null : new VerificationResource(services.verification());
        this.images =
                new ImagesResource(services.images(), view, services.stores().storeIds(), services.importing());
        this.image = new ImageResource(services.images(), view);
        this.tags = new ImageTagsResource(services.tags());
        this.imageSchema = new SchemasResource(services.schemas()::imageSchema);
        this.imagesSchema = new SchemasResource(services.schemas()::imagesSchema);
        this.memberSchema = new SchemasResource(services.schemas()::memberSchema);
        this.membersSchema = new SchemasResource(services.schemas()::membersSchema);
        this.members = new ImageMembersResource(services.members());
        this.member = new ImageMemberResource(services.members());
        this.file = new ImageFileResource(services.data(), services.stores().multipleStores());
        this.actions = new ImageActionsResource(services.actions());
        this.storesInfo = new StoresInfoResource(services.stores(), false);
        this.storesDetail = new StoresInfoResource(services.stores(), true);
        this.storeImage = new StoreImageResource(services.locations());
        this.locations = new ImageLocationsResource(services.locations());
        this.metadefs = services.metadefs() == null ? null : new MetadefRoutes(services.metadefs());
        this.tus = services.tus() == null
                ? null
                : new TusResource(services.tus(), services.stores().multipleStores());
        boolean importing = services.importing() != null;
        boolean withTasks = services.tasks() != null;
        this.stage = importing ? new ImageStageResource(services.importing()) : null;
        this.importImage = importing ? new ImageImportResource(services.importing()) : null;
        this.infoImport = importing ? new InfoImportResource(services.importing()) : null;
        this.tasks = withTasks ? new TasksResource(services.tasks(), false) : null;
        this.task = withTasks ? new TasksResource(services.tasks(), true) : null;
        this.imageTasks = withTasks ? new ImageTasksResource(services.tasks()) : null;
        this.taskSchema = withTasks ? new SchemasResource(services.tasks()::taskSchema) : null;
        this.tasksSchema = withTasks ? new SchemasResource(services.tasks()::tasksSchema) : null;
    }

    /** The resource for the segments, or a 404 (501 for a method Glance does not implement at all). */
    Resource route(String method, List<String> segments) {
        Resource resource = match(segments);
        if (resource != null) {
            return resource;
        }
        throw IMPLEMENTED_METHODS.contains(method) ? HttpFailure.notFound() : HttpFailure.notImplemented();
    }

    /** Whether a resource serves these segments (any method). */
    boolean matches(List<String> segments) {
        return match(segments) != null;
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
        if (!s.isEmpty() && s.get(0).equals("cache") && s.size() <= 2) {
            return cache;
        }
        if (s.size() == 1 && s.get(0).equals("verification")) {
            return verification;
        }
        switch (s.size()) {
            case 1:
                return s.get(0).equals("images") ? images : s.get(0).equals("tasks") ? tasks : null;
            case 2:
                if (s.get(0).equals("images")) {
                    return image;
                }
                if (s.get(0).equals("schemas")) {
                    return schema(s.get(1));
                }
                if (s.get(0).equals("info") && s.get(1).equals("stores")) {
                    return storesInfo;
                }
                if (s.get(0).equals("tasks")) {
                    return task;
                }
                if (s.get(0).equals("info") && s.get(1).equals("import")) {
                    return infoImport;
                }
                if (s.get(0).equals("info") && s.get(1).equals("usage")) {
                    return infoUsage;
                }
                return null;
            case 3:
                if (s.get(0).equals("images")) {
                    return switch (s.get(2)) {
                        case "file" -> file;
                        case "locations" -> locations;
                        case "members" -> members;
                        case "stage" -> stage;
                        case "import" -> importImage;
                        case "tasks" -> imageTasks;
                        case "tus" -> tus;
                        default -> null;
                    };
                }
                if (s.get(0).equals("stores")) {
                    return storeImage;
                }
                return s.get(0).equals("info")
                                && s.get(1).equals("stores")
                                && s.get(2).equals("detail")
                        ? storesDetail
                        : null;
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
                if (s.get(2).equals("tus")) {
                    return tus;
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
            case "task" -> taskSchema;
            case "tasks" -> tasksSchema;
            default -> null;
        };
    }
}
