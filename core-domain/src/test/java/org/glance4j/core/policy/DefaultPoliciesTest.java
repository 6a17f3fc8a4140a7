package org.glance4j.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glance4j.core.CoreFixture.*;

import java.time.Instant;
import java.util.Map;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.Visibility;
import org.junit.jupiter.api.Test;

/** Glance's default rules against the personas, on the targets Glance builds. */
class DefaultPoliciesTest {

    private final PolicyEngine engine = PolicyEngine.defaults();

    private static Image image(Visibility visibility) {
        return Image.builder("11111111-1111-1111-1111-111111111111", Instant.EPOCH)
                .owner(OWNER_PROJECT)
                .visibility(visibility)
                .build();
    }

    private boolean allows(String rule, RequestContext who, Image image, String memberId) {
        return engine.allows(rule, who, ImageTargets.of(image, memberId));
    }

    @Test
    void adminIsContextIsAdmin() {
        assertThat(engine.isAdmin(ADMIN)).isTrue();
        assertThat(engine.isAdmin(OWNER_MEMBER)).isFalse();
    }

    @Test
    void getImageNeedsReaderAndAWayIn() {
        Image priv = image(Visibility.PRIVATE);
        assertThat(allows("get_image", OWNER_READER, priv, null)).isTrue();
        assertThat(allows("get_image", OWNER_MEMBER_WITHOUT_READER, priv, null)).isFalse();
        assertThat(allows("get_image", OTHER_READER, priv, null)).isFalse();
        assertThat(allows("get_image", OTHER_READER, priv, OTHER_PROJECT)).isTrue();
        assertThat(allows("get_image", OTHER_READER, image(Visibility.PUBLIC), null))
                .isTrue();
        assertThat(allows("get_image", OTHER_READER, image(Visibility.COMMUNITY), null))
                .isTrue();
        assertThat(allows("get_image", ADMIN, priv, null)).isTrue();
    }

    @Test
    void modifyAndDeleteNeedMemberOfTheOwner() {
        Image shared = image(Visibility.SHARED);
        for (String rule : new String[] {"modify_image", "delete_image", "communitize_image"}) {
            assertThat(allows(rule, OWNER_MEMBER, shared, null)).as(rule).isTrue();
            assertThat(allows(rule, OWNER_READER, shared, null)).as(rule).isFalse();
            assertThat(allows(rule, OTHER_MEMBER, shared, OTHER_PROJECT))
                    .as(rule)
                    .isFalse();
            assertThat(allows(rule, ADMIN, shared, null)).as(rule).isTrue();
        }
        assertThat(allows("publicize_image", OWNER_MEMBER, shared, null)).isFalse();
        assertThat(allows("publicize_image", ADMIN, shared, null)).isTrue();
    }

    @Test
    void addImageNeedsMemberOfTheProposedOwner() {
        assertThat(engine.allows("add_image", OWNER_MEMBER, ImageTargets.proposed(OWNER_PROJECT, "private")))
                .isTrue();
        assertThat(engine.allows("add_image", OWNER_MEMBER, ImageTargets.proposed(OTHER_PROJECT, "private")))
                .isFalse();
        assertThat(engine.allows("add_image", OWNER_READER, ImageTargets.proposed(OWNER_PROJECT, "private")))
                .isFalse();
        assertThat(engine.allows("add_image", ADMIN, ImageTargets.proposed(OTHER_PROJECT, "private")))
                .isTrue();
    }

    @Test
    void getImagesNeedsReaderOfTheCallersProject() {
        assertThat(engine.allows("get_images", OTHER_READER, ImageTargets.project(OTHER_PROJECT)))
                .isTrue();
        assertThat(engine.allows("get_images", OWNER_MEMBER_WITHOUT_READER, ImageTargets.project(OWNER_PROJECT)))
                .isFalse();
    }

    @Test
    void memberRulesUseTheMembership() {
        Image shared = image(Visibility.SHARED);
        assertThat(allows("modify_member", OTHER_MEMBER, shared, OTHER_PROJECT)).isTrue();
        assertThat(allows("modify_member", OTHER_MEMBER, shared, null)).isFalse();
        assertThat(allows("get_members", OTHER_READER, shared, OTHER_PROJECT)).isTrue();
        assertThat(engine.allows("fetch_image_location", CONTEXT_SERVICE, Map.of()))
                .isTrue();
        assertThat(engine.allows("fetch_image_location", OWNER_MEMBER, Map.of()))
                .isFalse();
    }

    private static final RequestContext CONTEXT_SERVICE = context("nova", "service", "service");
}
