package org.glance4j.http;

import java.util.List;
import java.util.Set;
import org.glance4j.ports.in.metadef.MetadefServices;

/**
 * The paths of the metadata definitions catalog under {@code /v2}: {@code metadefs/...} and
 * {@code schemas/metadefs/{name}}.
 */
final class MetadefRoutes {
    private final Resource namespaces;
    private final Resource namespace;
    private final Resource objects;
    private final Resource object;
    private final Resource properties;
    private final Resource property;
    private final Resource tags;
    private final Resource tag;
    private final Resource allTypes;
    private final Resource namespaceTypes;
    private final Resource association;
    private final Resource schemas;
    private final Set<String> schemaNames;

    MetadefRoutes(MetadefServices services) {
        this.namespaces = new MetadefNamespacesResource(services.namespaces());
        this.namespace = MetadefEndpoints.namespace(services.namespaces());
        this.objects = MetadefEndpoints.objects(services.objects(), services.namespaces());
        this.object = MetadefEndpoints.object(services.objects());
        this.properties = MetadefEndpoints.properties(services.properties(), services.namespaces());
        this.property = MetadefEndpoints.property(services.properties());
        this.tags = MetadefEndpoints.tags(services.tags(), services.namespaces());
        this.tag = MetadefEndpoints.tag(services.tags());
        this.allTypes = MetadefEndpoints.resourceTypes(services.resourceTypes());
        this.namespaceTypes = MetadefEndpoints.associations(services.resourceTypes());
        this.association = MetadefEndpoints.association(services.resourceTypes());
        this.schemas = new MetadefSchemasResource(services.schemas());
        this.schemaNames = Set.copyOf(services.schemas().names());
    }

    /** Whether the path belongs to the catalog (then {@link #match} decides, null meaning 404). */
    static boolean claims(List<String> s) {
        return s.get(0).equals("metadefs")
                || (s.size() == 3 && s.get(0).equals("schemas") && s.get(1).equals("metadefs"));
    }

    Resource match(List<String> s) {
        if (s.size() < 2) {
            return null;
        }
        if (s.get(0).equals("schemas")) {
            return schemaNames.contains(s.get(2)) ? schemas : null;
        }
        if (s.size() == 2) {
            return switch (s.get(1)) {
                case "namespaces" -> namespaces;
                case "resource_types" -> allTypes;
                default -> null;
            };
        }
        if (!s.get(1).equals("namespaces")) {
            return null;
        }
        return switch (s.size()) {
            case 3 -> namespace;
            case 4 ->
                switch (s.get(3)) {
                    case "objects" -> objects;
                    case "properties" -> properties;
                    case "tags" -> tags;
                    case "resource_types" -> namespaceTypes;
                    default -> null;
                };
            case 5 ->
                switch (s.get(3)) {
                    case "objects" -> object;
                    case "properties" -> property;
                    case "tags" -> tag;
                    case "resource_types" -> association;
                    default -> null;
                };
            default -> null;
        };
    }
}
