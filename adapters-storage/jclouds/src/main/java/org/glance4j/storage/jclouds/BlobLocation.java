package org.glance4j.storage.jclouds;

import java.util.Set;
import org.glance4j.ports.error.GlanceException;

/**
 * A location of a jclouds-backed store taken apart: {@code <scheme>://<host and path>/<container>/<object>}. The
 * last two path segments name the container and the object; what precedes them (host, port, auth path) is
 * informational, because a store always talks to the endpoint it was configured with.
 */
record BlobLocation(String container, String object) {

    static BlobLocation parse(String storeId, Set<String> schemes, String location) {
        int colon = location == null ? -1 : location.indexOf("://");
        if (colon <= 0 || !schemes.contains(location.substring(0, colon))) {
            throw foreign(storeId, location);
        }
        String rest = location.substring(colon + 3);
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        int lastSlash = rest.lastIndexOf('/');
        if (lastSlash <= 0 || lastSlash == rest.length() - 1) {
            throw foreign(storeId, location);
        }
        int previousSlash = rest.lastIndexOf('/', lastSlash - 1);
        if (previousSlash < 0 || previousSlash == lastSlash - 1) {
            throw foreign(storeId, location);
        }
        return new BlobLocation(rest.substring(previousSlash + 1, lastSlash), rest.substring(lastSlash + 1));
    }

    private static GlanceException foreign(String storeId, String location) {
        return GlanceException.invalid("Store '" + storeId + "' cannot use the location '" + location
                + "': it does not end in <container>/<object> under one of this store's schemes");
    }
}
