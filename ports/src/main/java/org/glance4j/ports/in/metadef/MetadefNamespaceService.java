package org.glance4j.ports.in.metadef;

import java.util.Map;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ListParameters;
import org.glance4j.ports.model.RequestContext;

/**
 * The namespaces of the metadata definitions catalog ({@code /v2/metadefs/namespaces}). Bodies and answers are JSON
 * documents as plain JDK values, shaped as Glance shapes them (see {@link org.glance4j.ports.in.ImageService} for
 * the value types).
 *
 * <p>A namespace the caller may not see is {@code NOT_FOUND}, exactly like one that does not exist. Writing needs
 * the metadef write policies (admin by default); a protected namespace cannot be deleted, nor its content.
 */
public interface MetadefNamespaceService {

    /**
     * One page of the namespaces the caller can see, each with its resource type associations. Parameters:
     * {@code limit}, {@code marker} (a namespace name), {@code sort_key}, {@code sort_dir}, {@code visibility},
     * {@code resource_types} (comma-separated; namespaces associated with any of them).
     *
     * @throws GlanceException {@code INVALID} for a bad parameter, {@code NOT_FOUND} for a marker the caller cannot
     *                         see, {@code FORBIDDEN} when the policy refuses listing
     */
    MetadefNamespacePage list(RequestContext context, ListParameters parameters);

    /**
     * Creates a namespace, with any resource type associations, properties, objects and tags the body carries, all
     * or nothing. Answers the namespace as created.
     *
     * @throws GlanceException {@code INVALID} for a bad body, {@code FORBIDDEN} for a read-only attribute or a
     *                         refused policy, {@code CONFLICT} when the name is taken or the content repeats a name
     */
    Map<String, Object> create(RequestContext context, Map<String, Object> body);

    /**
     * Shows a namespace with its content. With a {@code resourceType} (may be null) that the namespace is
     * associated with, property names (also inside objects, and in their {@code required} lists) take that
     * association's prefix.
     *
     * @throws GlanceException {@code NOT_FOUND}, {@code FORBIDDEN} when the policy refuses reading its content
     */
    Map<String, Object> get(RequestContext context, String namespace, String resourceType);

    /**
     * Replaces a namespace's own attributes (not its content) with the body; missing {@code visibility},
     * {@code protected} and {@code owner} take their creation defaults. The name may change.
     *
     * @throws GlanceException {@code INVALID}, {@code FORBIDDEN}, {@code NOT_FOUND}, {@code CONFLICT} when the new
     *                         name is taken
     */
    Map<String, Object> update(RequestContext context, String namespace, Map<String, Object> body);

    /**
     * Deletes a namespace and its content.
     *
     * @throws GlanceException {@code NOT_FOUND}, {@code FORBIDDEN} when protected or refused by policy
     */
    void delete(RequestContext context, String namespace);

    /** Deletes every object of a namespace; errors as {@link #delete}. */
    void deleteObjects(RequestContext context, String namespace);

    /** Deletes every property of a namespace; errors as {@link #delete}. */
    void deleteProperties(RequestContext context, String namespace);

    /** Deletes every tag of a namespace; errors as {@link #delete}. */
    void deleteTags(RequestContext context, String namespace);
}
