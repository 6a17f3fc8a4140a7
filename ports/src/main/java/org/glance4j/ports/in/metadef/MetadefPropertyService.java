package org.glance4j.ports.in.metadef;

import java.util.Map;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.RequestContext;

/**
 * The property definitions of a namespace ({@code /v2/metadefs/namespaces/{ns}/properties}). JSON as in
 * {@link MetadefNamespaceService}; a namespace the caller may not see is {@code NOT_FOUND}.
 */
public interface MetadefPropertyService {

    /**
     * {@code {"properties": {name: definition, ...}}}.
     *
     * @throws GlanceException {@code NOT_FOUND}, {@code FORBIDDEN}
     */
    Map<String, Object> list(RequestContext context, String namespace);

    /**
     * Creates a property definition from a body that names it ({@code name}).
     *
     * @throws GlanceException {@code INVALID} for a definition outside the JSON-schema subset Glance accepts,
     *                         {@code FORBIDDEN}, {@code NOT_FOUND}, {@code CONFLICT} when the name is taken
     */
    Map<String, Object> create(RequestContext context, String namespace, Map<String, Object> body);

    /**
     * One property definition, with its name. With a {@code resourceType} (may be null), {@code name} must carry
     * the prefix of the namespace's association with that type, which is taken off before the lookup.
     *
     * @throws GlanceException {@code NOT_FOUND} (also for a name without the prefix, or an unknown association),
     *                         {@code FORBIDDEN}
     */
    Map<String, Object> get(RequestContext context, String namespace, String name, String resourceType);

    /**
     * Replaces a property definition; the body's {@code name} may rename it.
     *
     * @throws GlanceException as {@link #create}
     */
    Map<String, Object> update(RequestContext context, String namespace, String name, Map<String, Object> body);

    /** @throws GlanceException {@code NOT_FOUND}, {@code FORBIDDEN} (also when the namespace is protected) */
    void delete(RequestContext context, String namespace, String name);
}
