package org.glance4j.core.settings;

/**
 * Whether images show where their bytes are, named after Glance's options: {@code show_multiple_locations} (the
 * {@code locations} list; it also allows changing locations by {@code PATCH}) and {@code show_image_direct_url}
 * (the URL of the preferred location as {@code direct_url}). Both are off by default, as in Glance, because a
 * location may reveal a backend's credentials.
 */
public record LocationSettings(boolean showMultipleLocations, boolean showImageDirectUrl) {

    /** Glance's defaults: nothing shown. */
    public static LocationSettings defaults() {
        return new LocationSettings(false, false);
    }
}
