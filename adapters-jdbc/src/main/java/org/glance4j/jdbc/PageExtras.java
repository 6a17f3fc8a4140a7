package org.glance4j.jdbc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.model.Image;
import org.jdbi.v3.core.Handle;

/**
 * Loads the tags and properties of a whole page of images with one statement: the ids go in as one JSON array
 * parameter, and each image comes back as one row with its tags (in order) and its properties aggregated as JSON.
 * One row per image instead of one per tag and property, and one parameter instead of a thousand, is what keeps
 * a page of 1,000 fast.
 */
final class PageExtras {
    private PageExtras() {}

    /** The tags and properties of each image, stored ones replacing whatever the images carried. */
    static List<Image> complete(Handle handle, Dialect dialect, List<Image> page) {
        if (page.isEmpty()) {
            return page;
        }
        List<String> ids = new ArrayList<>(page.size());
        for (Image image : page) {
            ids.add(image.id());
        }
        Map<String, List<String>> tags = new HashMap<>();
        Map<String, Map<String, String>> properties = new HashMap<>();
        handle.createQuery(dialect.pageExtrasSql())
                .bind(0, JsonText.stringArray(ids))
                .map((rs, ctx) -> {
                    String id = rs.getString(1);
                    tags.put(id, JsonText.parseStringArray(rs.getString(2)));
                    properties.put(id, JsonText.parseStringObject(rs.getString(3)));
                    return id;
                })
                .list();
        List<Image> complete = new ArrayList<>(page.size());
        for (Image image : page) {
            List<String> imageTags = tags.get(image.id());
            Map<String, String> imageProperties = properties.get(image.id());
            boolean none = (imageTags == null || imageTags.isEmpty())
                    && (imageProperties == null || imageProperties.isEmpty());
            complete.add(
                    none && image.tags().isEmpty() && image.properties().isEmpty()
                            ? image
                            : image.toBuilder()
                                    .tags(imageTags == null ? List.of() : imageTags)
                                    .properties(imageProperties == null ? Map.of() : imageProperties)
                                    .build());
        }
        return complete;
    }
}
