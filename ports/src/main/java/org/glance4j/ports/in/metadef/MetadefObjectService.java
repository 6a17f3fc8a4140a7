package org.glance4j.ports.in.metadef;

import java.util.Map;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ListParameters;
import org.glance4j.ports.model.RequestContext;

/**
 * The objects of a namespace ({@code /v2/metadefs/namespaces/{ns}/objects}). JSON as in
 * {@link MetadefNamespaceService}; a namespace the caller may not see is {@code NOT_FOUND}.
 */
public interface MetadefObjectService {

    /**
     * {@code {"objects": [...], "schema": ...}}. The list parameters are validated as Glance does but do not page.
     *
     * @throws GlanceException {@code INVALID} for a bad parameter, {@code NOT_FOUND}, {@code FORBIDDEN}
     */
    Map<String, Object> list(RequestContext context, String namespace, ListParameters parameters);

    /**
     * Creates an object.
     *
     * @throws GlanceException {@code INVALID} for a bad body or property definition, {@code FORBIDDEN},
     *                         {@code NOT_FOUND}, {@code CONFLICT} when the name is taken in the namespace
     */
    Map<String, Object> create(RequestContext context, String namespace, Map<String, Object> body);

    /** @throws GlanceException {@code NOT_FOUND} for the namespace or the object, {@code FORBIDDEN} */
    Map<String, Object> get(RequestContext context, String namespace, String name);

    /**
     * Replaces an object whole (attributes missing from the body are cleared); the name may change.
     *
     * @throws GlanceException as {@link #create}
     */
    Map<String, Object> update(RequestContext context, String namespace, String name, Map<String, Object> body);

    /** @throws GlanceException {@code NOT_FOUND}, {@code FORBIDDEN} (also when the namespace is protected) */
    void delete(RequestContext context, String namespace, String name);
}
