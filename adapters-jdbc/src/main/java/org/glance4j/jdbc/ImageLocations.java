package org.glance4j.jdbc;

import java.util.ArrayList;
import java.util.List;
import org.glance4j.ports.model.ImageLocation;

/** The {@code locations} column: three strings per location (url, store id, metadata as a JSON object). */
final class ImageLocations {
    /** How many strings of the column's JSON array make one location. */
    static final int STRINGS_PER_LOCATION = 3;

    private ImageLocations() {}

    /** The column value for these locations; null when there are none. */
    static String format(List<ImageLocation> locations) {
        if (locations.isEmpty()) {
            return null;
        }
        List<String> flat = new ArrayList<>(locations.size() * 3);
        for (ImageLocation location : locations) {
            flat.add(location.url());
            flat.add(location.storeId());
            flat.add(JsonText.stringObject(location.metadata()));
        }
        return JsonText.stringArray(flat);
    }

    /** The locations in a column value; empty for null. */
    static List<ImageLocation> parse(String column) {
        if (column == null) {
            return List.of();
        }
        List<String> flat = JsonText.parseStringArray(column);
        if (flat.size() % 3 != 0) {
            throw new IllegalStateException("malformed locations column: " + flat.size() + " strings");
        }
        List<ImageLocation> locations = new ArrayList<>(flat.size() / 3);
        for (int k = 0; k < flat.size(); k += 3) {
            locations.add(new ImageLocation(flat.get(k), flat.get(k + 1), JsonText.parseStringObject(flat.get(k + 2))));
        }
        return List.copyOf(locations);
    }
}
