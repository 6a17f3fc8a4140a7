package org.glance4j.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glance4j.core.CoreFixture.*;

import java.util.List;
import java.util.Map;
import org.glance4j.core.CoreFixture;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.in.ListParameters;
import org.glance4j.ports.in.PatchOperation;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageLocation;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.ports.model.MemberStatus;
import org.glance4j.ports.model.RequestContext;
import org.junit.jupiter.api.Test;

class ImageReadAndDeleteTest {

    private final CoreFixture f = new CoreFixture();

    @Test
    void getPerPersona() {
        Image shared = f.create(OWNER_MEMBER, "name", "s");
        assertThat(f.core.images().get(ADMIN, shared.id())).isEqualTo(shared);
        assertThat(f.core.images().get(OWNER_MEMBER, shared.id())).isEqualTo(shared);
        assertThat(f.core.images().get(OWNER_READER, shared.id())).isEqualTo(shared);
        assertFails(ErrorCategory.NOT_FOUND, () -> f.core.images().get(OWNER_MEMBER_WITHOUT_READER, shared.id()));
        assertFails(ErrorCategory.NOT_FOUND, () -> f.core.images().get(OTHER_MEMBER, shared.id()));
        assertFails(ErrorCategory.NOT_FOUND, () -> f.core.images().get(OTHER_READER, shared.id()));
        assertFails(ErrorCategory.NOT_FOUND, () -> f.core.images().get(OWNER_MEMBER, "no-such-image"));
    }

    @Test
    void membersSeeSharedImagesWhateverTheirStatus() {
        for (MemberStatus status : MemberStatus.values()) {
            CoreFixture g = new CoreFixture();
            Image shared = g.create(OWNER_MEMBER);
            g.share(shared, OTHER_PROJECT, status);
            assertThat(g.core.images().get(OTHER_READER, shared.id()))
                    .as(status.name())
                    .isEqualTo(shared);
        }
        Image priv = f.create(OWNER_MEMBER, "visibility", "private");
        f.share(priv, OTHER_PROJECT, MemberStatus.ACCEPTED);
        assertFails(ErrorCategory.NOT_FOUND, () -> f.core.images().get(OTHER_READER, priv.id()));
    }

    @Test
    void publicAndCommunityImagesAreVisibleToEveryReader() {
        Image pub = f.create(ADMIN, "visibility", "public", "owner", OWNER_PROJECT);
        Image community = f.create(OWNER_MEMBER, "visibility", "community");
        assertThat(f.core.images().get(OTHER_READER, pub.id())).isEqualTo(pub);
        assertThat(f.core.images().get(OTHER_READER, community.id())).isEqualTo(community);
    }

    @Test
    void aDeactivatedImageShowsItsLocationsToAnAdministratorOnly() {
        Image created = f.create(ADMIN, "visibility", "public", "owner", OWNER_PROJECT);
        ImageLocation location =
                new ImageLocation("file:///var/lib/glance/images/" + created.id(), "fast", Map.of("store", "fast"));
        f.images.update(f.images.find(created.id()).orElseThrow().toBuilder()
                .status(ImageStatus.DEACTIVATED)
                .locations(List.of(location))
                .build());
        assertThat(f.core.images().get(ADMIN, created.id()).locations()).containsExactly(location);
        assertThat(f.core.images().list(ADMIN, ListParameters.empty()).images())
                .singleElement()
                .satisfies(i -> assertThat(i.locations()).containsExactly(location));
        for (RequestContext caller : List.of(OWNER_MEMBER, OWNER_READER, OTHER_MEMBER)) {
            assertThat(f.core.images().get(caller, created.id()).locations())
                    .as(caller.userId())
                    .isEmpty();
            assertThat(f.core.images().list(caller, ListParameters.empty()).images())
                    .singleElement()
                    .satisfies(
                            i -> assertThat(i.locations()).as(caller.userId()).isEmpty());
        }
        Image renamed =
                f.core.images().update(OWNER_MEMBER, created.id(), List.of(PatchOperation.replace("/name", "renamed")));
        assertThat(renamed.locations()).isEmpty();
        assertThat(f.images.find(created.id()).orElseThrow().locations())
                .as("what is stored")
                .containsExactly(location);
    }

    @Test
    void deleteIsSoftAndFinal() {
        Image image = f.create(OWNER_MEMBER);
        f.clock.tick();
        f.core.images().delete(OWNER_MEMBER, image.id());
        Image stored = f.images.find(image.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(ImageStatus.DELETED);
        assertThat(stored.deletedAt()).isEqualTo(f.clock.instant());
        assertFails(ErrorCategory.NOT_FOUND, () -> f.core.images().get(OWNER_MEMBER, image.id()));
        assertFails(ErrorCategory.NOT_FOUND, () -> f.core.images().delete(OWNER_MEMBER, image.id()));
        assertFails(ErrorCategory.NOT_FOUND, () -> f.core.images().get(ADMIN, image.id()));
    }

    @Test
    void protectedImagesCannotBeDeleted() {
        Image image = f.create(OWNER_MEMBER, "protected", true);
        assertFails(ErrorCategory.FORBIDDEN, "protected", () -> f.core.images().delete(ADMIN, image.id()));
        f.core.images()
                .update(
                        OWNER_MEMBER,
                        image.id(),
                        java.util.List.of(org.glance4j.ports.in.PatchOperation.replace("/protected", false)));
        f.core.images().delete(OWNER_MEMBER, image.id());
        assertThat(f.images.find(image.id()).orElseThrow().isDeleted()).isTrue();
    }

    @Test
    void deletePerPersona() {
        Image image = f.create(OWNER_MEMBER);
        assertFails(
                ErrorCategory.FORBIDDEN, "delete_image", () -> f.core.images().delete(OWNER_READER, image.id()));
        assertFails(ErrorCategory.NOT_FOUND, () -> f.core.images().delete(OTHER_MEMBER, image.id()));
        f.share(image, OTHER_PROJECT, MemberStatus.ACCEPTED);
        assertFails(ErrorCategory.FORBIDDEN, () -> f.core.images().delete(OTHER_MEMBER, image.id()));
        f.core.images().delete(ADMIN, image.id());
        assertThat(f.images.find(image.id()).orElseThrow().isDeleted()).isTrue();
    }
}
