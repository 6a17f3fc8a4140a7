package org.glance4j.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glance4j.core.CoreFixture.*;

import java.util.List;
import org.glance4j.core.CoreFixture;
import org.glance4j.core.settings.CoreSettings;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.model.Image;
import org.junit.jupiter.api.Test;

class ImageTagServiceTest {

    private final CoreFixture f = new CoreFixture(CoreSettings.defaults().withQuotas(128, 2));
    private final Image image = f.create(OWNER_MEMBER, "tags", List.of("one"));

    private Image stored() {
        return f.images.find(image.id()).orElseThrow();
    }

    @Test
    void addIsIdempotent() {
        f.core.tags().addTag(OWNER_MEMBER, image.id(), "two");
        long revision = stored().revision();
        f.core.tags().addTag(OWNER_MEMBER, image.id(), "two");
        assertThat(stored().tags()).containsExactly("one", "two");
        assertThat(stored().revision()).isEqualTo(revision);
    }

    @Test
    void limits() {
        assertFails(ErrorCategory.INVALID, () -> f.core.tags().addTag(OWNER_MEMBER, image.id(), "t".repeat(256)));
        f.core.tags().addTag(OWNER_MEMBER, image.id(), "t".repeat(255));
        assertFails(ErrorCategory.TOO_LARGE, () -> f.core.tags().addTag(OWNER_MEMBER, image.id(), "three"));
        // an existing tag is still fine at the quota
        f.core.tags().addTag(OWNER_MEMBER, image.id(), "one");
    }

    @Test
    void fourByteCharactersAreRefused() {
        assertFails(
                ErrorCategory.INVALID, "4 byte", () -> f.core.tags().addTag(OWNER_MEMBER, image.id(), "\uD83D\uDE00"));
    }

    @Test
    void removal() {
        f.core.tags().removeTag(OWNER_MEMBER, image.id(), "one");
        assertThat(stored().tags()).isEmpty();
        assertFails(ErrorCategory.NOT_FOUND, () -> f.core.tags().removeTag(OWNER_MEMBER, image.id(), "one"));
        assertFails(ErrorCategory.NOT_FOUND, () -> f.core.tags().removeTag(OWNER_MEMBER, "nope", "one"));
    }

    @Test
    void personas() {
        assertFails(ErrorCategory.FORBIDDEN, () -> f.core.tags().addTag(OWNER_READER, image.id(), "x"));
        assertFails(ErrorCategory.NOT_FOUND, () -> f.core.tags().addTag(OTHER_MEMBER, image.id(), "x"));
        assertFails(ErrorCategory.NOT_FOUND, () -> f.core.tags().removeTag(OTHER_READER, image.id(), "one"));
        f.core.tags().addTag(ADMIN, image.id(), "x");
        assertThat(stored().tags()).contains("x");
    }
}
