package org.glance4j.ports.in.metadef;

import java.util.List;
import java.util.Map;

/**
 * One page of namespaces as JSON objects, and the marker of the next page (the last namespace's name), or null when
 * this page is not full.
 */
public record MetadefNamespacePage(List<Map<String, Object>> namespaces, String nextMarker) {
    public MetadefNamespacePage {
        namespaces = List.copyOf(namespaces);
    }
}
