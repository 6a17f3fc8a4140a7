package org.glance4j.ports.in.metadef;

import java.util.Map;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ListParameters;
import org.glance4j.ports.model.RequestContext;

/**
 * The tags of a namespace ({@code /v2/metadefs/namespaces/{ns}/tags}). JSON as in {@link MetadefNamespaceService};
 * a namespace the caller may not see is {@code NOT_FOUND}.
 */
public interface MetadefTagService {

    /**
     * {@code {"tags": [{"name": ...}, ...]}}, paged by {@code limit}, {@code marker} (a tag name), {@code sort_key}
     * and {@code sort_dir}.
     *
     * @throws GlanceException {@code INVALID} for a bad parameter, {@code NOT_FOUND} (also for an unknown marker),
     *                         {@code FORBIDDEN}
     */
    Map<String, Object> list(RequestContext context, String namespace, ListParameters parameters);

    /**
     * Creates one tag named by the path.
     *
     * @throws GlanceException {@code INVALID} for a name over 80 characters, {@code FORBIDDEN}, {@code NOT_FOUND},
     *                         {@code CONFLICT} when it exists
     */
    Map<String, Object> create(RequestContext context, String namespace, String name);

    /**
     * Creates the tags of a body {@code {"tags": [{"name": ...}, ...]}}: they replace the namespace's tags unless
     * {@code append}, in which case they are added to them.
     *
     * @throws GlanceException {@code INVALID} for a bad body, {@code FORBIDDEN}, {@code NOT_FOUND},
     *                         {@code CONFLICT} for a repeated or (appending) existing name; nothing changes then
     */
    Map<String, Object> createMany(RequestContext context, String namespace, Map<String, Object> body, boolean append);

    /** @throws GlanceException {@code NOT_FOUND} for the namespace or the tag, {@code FORBIDDEN} */
    Map<String, Object> get(RequestContext context, String namespace, String name);

    /**
     * Renames a tag to the body's {@code name}.
     *
     * @throws GlanceException {@code INVALID}, {@code FORBIDDEN}, {@code NOT_FOUND}, {@code CONFLICT}
     */
    Map<String, Object> update(RequestContext context, String namespace, String name, Map<String, Object> body);

    /** @throws GlanceException {@code NOT_FOUND}, {@code FORBIDDEN} (also when the namespace is protected) */
    void delete(RequestContext context, String namespace, String name);
}
