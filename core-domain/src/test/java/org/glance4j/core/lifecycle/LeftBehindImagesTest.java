package org.glance4j.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.Visibility;
import org.glance4j.ports.testing.InMemoryImageMemberRepository;
import org.glance4j.ports.testing.InMemoryImageRepository;
import org.junit.jupiter.api.Test;

class LeftBehindImagesTest {

    private static final String NODE_PROPERTY = "os_glance_upload_node";
    private static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");

    private final InMemoryImageRepository images = new InMemoryImageRepository(new InMemoryImageMemberRepository());

    private Image stored(String id, ImageStatus status, String owner, Visibility visibility, String node) {
        Image.Builder builder =
                Image.builder(id, NOW).status(status).owner(owner).visibility(visibility);
        if (node != null) {
            builder.property(NODE_PROPERTY, node);
        }
        Image image = builder.build();
        images.add(image);
        return image;
    }

    @Test
    void theQueryFindsTheImagesOfOneNodeInOneStatusInEveryProjectAndVisibility() {
        stored("a", ImageStatus.SAVING, "p1", Visibility.PRIVATE, "node-1");
        stored("b", ImageStatus.SAVING, "p2", Visibility.SHARED, "node-1");
        stored("c", ImageStatus.SAVING, "p1", Visibility.PRIVATE, "node-2");
        stored("d", ImageStatus.QUEUED, "p1", Visibility.PRIVATE, "node-1");
        stored("e", ImageStatus.SAVING, "p1", Visibility.PRIVATE, null);

        assertThat(images.list(LeftBehindImages.withProperty(ImageStatus.SAVING, NODE_PROPERTY, "node-1", 10)))
                .extracting(Image::id)
                .containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void withoutAStatusTheQueryMatchesThePropertyAloneUpToTheLimit() {
        stored("a", ImageStatus.SAVING, "p1", Visibility.PRIVATE, "node-1");
        stored("b", ImageStatus.IMPORTING, "p2", Visibility.PUBLIC, "node-1");
        stored("c", ImageStatus.SAVING, "p1", Visibility.PRIVATE, "node-2");

        assertThat(images.list(LeftBehindImages.withProperty(null, NODE_PROPERTY, "node-1", 10)))
                .extracting(Image::id)
                .containsExactlyInAnyOrder("a", "b");
        assertThat(images.list(LeftBehindImages.withProperty(null, NODE_PROPERTY, "node-1", 1)))
                .hasSize(1);
    }

    @Test
    void anImageIsStillLeftOnlyWhileItKeepsTheStatusAndTheNode() {
        Image saving = stored("a", ImageStatus.SAVING, "p1", Visibility.PRIVATE, "node-1");

        assertThat(LeftBehindImages.isStillLeft(saving, ImageStatus.SAVING, NODE_PROPERTY, "node-1"))
                .isTrue();
        assertThat(LeftBehindImages.isStillLeft(null, ImageStatus.SAVING, NODE_PROPERTY, "node-1"))
                .isFalse();
        assertThat(LeftBehindImages.isStillLeft(saving, ImageStatus.UPLOADING, NODE_PROPERTY, "node-1"))
                .isFalse();
        assertThat(LeftBehindImages.isStillLeft(saving, ImageStatus.SAVING, NODE_PROPERTY, "node-2"))
                .isFalse();
        Image finished = saving.toBuilder()
                .status(ImageStatus.ACTIVE)
                .removeProperty(NODE_PROPERTY)
                .build();
        assertThat(LeftBehindImages.isStillLeft(finished, ImageStatus.SAVING, NODE_PROPERTY, "node-1"))
                .isFalse();
    }
}
