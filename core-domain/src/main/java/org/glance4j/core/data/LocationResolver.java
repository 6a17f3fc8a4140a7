package org.glance4j.core.data;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;

/**
 * Finds the configured store that can read a location URL a client gives, and the size of the bytes there, as
 * Glance checks a new location: the URL's scheme must not be one Glance refuses for external locations
 * ({@code file}, {@code filesystem}, {@code swift+config}: they would expose the server's own files or
 * credentials), and some store must find more than zero bytes there. A store named by the location's
 * {@code store} metadata is the only one asked; otherwise every readable store is asked in configuration order
 * and the first that knows the URL answers. Every refusal is {@code INVALID} "Invalid location".
 */
final class LocationResolver {

    /** Schemes Glance never accepts from a client. */
    static final Set<String> RESTRICTED_SCHEMES = Set.of("file", "filesystem", "swift+config");

    /** The store holding a location, and the size of what is there. */
    record Resolved(ImageStore store, long size) {}

    private final ImageStores stores;

    LocationResolver(ImageStores stores) {
        this.stores = stores;
    }

    /**
     * @param storeHint the {@code store} the client named in the location's metadata, or null
     * @throws GlanceException {@code INVALID} when the location cannot be used
     */
    Resolved resolve(String url, String storeHint) {
        String scheme = schemeOf(url);
        if (scheme == null || RESTRICTED_SCHEMES.contains(scheme)) {
            throw invalid();
        }
        if (storeHint != null && stores.multiple()) {
            ImageStore store = stores.byId(storeHint).orElseThrow(LocationResolver::invalid);
            Resolved resolved = ask(store, url);
            if (resolved == null) {
                throw invalid();
            }
            return resolved;
        }
        for (ImageStore store : stores.all()) {
            Resolved resolved = ask(store, url);
            if (resolved != null) {
                return resolved;
            }
        }
        throw invalid();
    }

    private static Resolved ask(ImageStore store, String url) {
        if (!store.capabilities().contains(StoreCapability.READ)) {
            return null;
        }
        try {
            long size = store.size(url);
            return size > 0 ? new Resolved(store, size) : null;
        } catch (GlanceException e) {
            return null;
        }
    }

    private static String schemeOf(String url) {
        try {
            String scheme = new URI(url).getScheme();
            return scheme == null ? null : scheme.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    static GlanceException invalid() {
        return GlanceException.invalid("Invalid location");
    }
}
