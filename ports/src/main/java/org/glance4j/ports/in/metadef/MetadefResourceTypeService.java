package org.glance4j.ports.in.metadef;

import java.util.Map;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.RequestContext;

/**
 * Resource types ({@code GET /v2/metadefs/resource_types}) and a namespace's associations with them
 * ({@code /v2/metadefs/namespaces/{ns}/resource_types}). JSON as in {@link MetadefNamespaceService}.
 */
public interface MetadefResourceTypeService {

    /**
     * {@code {"resource_types": [{"name", "created_at", "updated_at"}, ...]}}: every resource type.
     *
     * @throws GlanceException {@code FORBIDDEN} when the policy refuses
     */
    Map<String, Object> list(RequestContext context);

    /**
     * {@code {"resource_type_associations": [...]}} of a namespace.
     *
     * @throws GlanceException {@code NOT_FOUND}, {@code FORBIDDEN}
     */
    Map<String, Object> listAssociations(RequestContext context, String namespace);

    /**
     * Associates the namespace with the resource type the body names ({@code name}, {@code prefix},
     * {@code properties_target}); the type is created when new.
     *
     * @throws GlanceException {@code INVALID}, {@code FORBIDDEN}, {@code NOT_FOUND}, {@code CONFLICT} when already
     *                         associated
     */
    Map<String, Object> associate(RequestContext context, String namespace, Map<String, Object> body);

    /**
     * Removes an association.
     *
     * @throws GlanceException {@code NOT_FOUND} for the namespace or the association, {@code FORBIDDEN} (also when
     *                         the namespace is protected)
     */
    void dissociate(RequestContext context, String namespace, String resourceType);
}
