package org.glance4j.ports.in.metadef;

import java.util.List;
import java.util.Map;
import org.glance4j.ports.error.GlanceException;

/**
 * Loading and exporting the catalog as namespace documents, the JSON files Glance ships in {@code etc/metadefs}
 * ({@code glance-manage db load_metadefs} / {@code export_metadefs}). An operator's tool: no request context, no
 * policy.
 */
public interface MetadefCatalogService {

    /** What loading one document did. */
    enum LoadOutcome {
        /** The namespace was new and is now stored with all its content. */
        LOADED,
        /** A namespace of that name exists; it was left as it is. */
        SKIPPED
    }

    /**
     * Loads one namespace document, all or nothing. A namespace that exists is skipped, so loading a folder twice
     * changes nothing. Missing {@code visibility} means private, missing {@code owner} means {@code admin}; resource
     * types the document introduces are created protected.
     *
     * @throws GlanceException {@code INVALID} when the document is not a namespace document (no name, wrong types,
     *                         a property definition Glance would refuse), naming what is wrong
     */
    LoadOutcome load(Map<String, Object> document);

    /** Every namespace as a document {@link #load} accepts, oldest first. */
    List<Map<String, Object>> export();
}
