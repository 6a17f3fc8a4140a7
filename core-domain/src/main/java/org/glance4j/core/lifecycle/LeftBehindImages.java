package org.glance4j.core.lifecycle;

import java.util.List;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageField;
import org.glance4j.ports.model.ImageQuery;
import org.glance4j.ports.model.ImageStatus;

/**
 * How start-up and lease recovery find the images a node left in the middle of its work: the images in one status
 * whose internal property names that node ({@code os_glance_upload_node} while saving, the staging node while
 * uploading), looked for as an administrator sees images (every project, every visibility).
 */
public final class LeftBehindImages {

    private LeftBehindImages() {}

    /**
     * The query of at most {@code limit} images whose property {@code property} is {@code value} and, unless
     * {@code status} is null, whose status is {@code status}; as an administrator, in the repository's default order.
     */
    public static ImageQuery withProperty(ImageStatus status, String property, String value, int limit) {
        List<ImageQuery.Condition> statusIs = status == null
                ? List.of()
                : List.of(ImageQuery.Condition.of(ImageField.STATUS, ImageQuery.Operator.EQ, status.wireName()));
        return new ImageQuery(
                new ImageQuery.Viewer(null, true),
                ImageQuery.VisibilityFilter.ALL,
                null,
                statusIs,
                List.of(new ImageQuery.PropertyCondition(property, ImageQuery.Operator.EQ, List.of(value))),
                null,
                null,
                null,
                null,
                limit);
    }

    /**
     * Whether {@code current} (null when the image is gone) is still in {@code status} with {@code property} naming
     * {@code nodeId}: only then may recovery put it back, since an image whose work finished or failed meanwhile
     * is no longer the node's.
     */
    public static boolean isStillLeft(Image current, ImageStatus status, String property, String nodeId) {
        return current != null
                && current.status() == status
                && nodeId.equals(current.properties().get(property));
    }
}
