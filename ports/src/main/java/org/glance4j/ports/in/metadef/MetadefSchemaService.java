package org.glance4j.ports.in.metadef;

import java.util.List;
import java.util.Map;
import org.glance4j.ports.error.GlanceException;

/**
 * The ten JSON schemas of the catalog under {@code /v2/schemas/metadefs/}: {@code namespace}, {@code namespaces},
 * {@code object}, {@code objects}, {@code property}, {@code properties}, {@code tag}, {@code tags},
 * {@code resource_type} and {@code resource_types}. They are the documents the core validates bodies with.
 */
public interface MetadefSchemaService {

    /** The names served, in a stable order. */
    List<String> names();

    /**
     * One schema.
     *
     * @throws GlanceException {@code NOT_FOUND} for a name not in {@link #names()}
     */
    Map<String, Object> schema(String name);
}
