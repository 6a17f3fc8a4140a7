package org.glance4j.core.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glance4j.core.CoreFixture.ADMIN;
import static org.glance4j.core.CoreFixture.OTHER_MEMBER;
import static org.glance4j.core.CoreFixture.OTHER_PROJECT;
import static org.glance4j.core.CoreFixture.OTHER_READER;
import static org.glance4j.core.CoreFixture.OWNER_MEMBER;
import static org.glance4j.core.CoreFixture.OWNER_READER;
import static org.glance4j.core.CoreFixture.assertFails;
import static org.glance4j.core.CoreFixture.context;

import java.util.List;
import org.glance4j.core.CoreFixture;
import org.glance4j.core.settings.CoreSettings;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.in.ImageMemberService;
import org.glance4j.ports.in.ListParameters;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageMember;
import org.glance4j.ports.model.MemberStatus;
import org.glance4j.ports.model.RequestContext;
import org.junit.jupiter.api.Test;

class ImageMemberServiceTest {

    private static final RequestContext THIRD = context("zoe", "project-c", "member", "reader");

    private final CoreFixture fx = new CoreFixture();
    private final ImageMemberService members = fx.core.members();

    private Image shared() {
        return fx.create(OWNER_MEMBER, "name", "s", "visibility", "shared");
    }

    @Test
    void ownerOffersAndMemberAccepts() {
        Image image = shared();
        ImageMember offered = members.add(OWNER_MEMBER, image.id(), OTHER_PROJECT);
        assertThat(offered.status()).isEqualTo(MemberStatus.PENDING);
        assertThat(offered.createdAt()).isEqualTo(fx.clock.instant());

        fx.clock.tick();
        ImageMember accepted = members.update(OTHER_MEMBER, image.id(), OTHER_PROJECT, "accepted");
        assertThat(accepted.status()).isEqualTo(MemberStatus.ACCEPTED);
        assertThat(accepted.updatedAt()).isAfter(accepted.createdAt());
        assertThat(members.get(OWNER_MEMBER, image.id(), OTHER_PROJECT).status())
                .isEqualTo(MemberStatus.ACCEPTED);
        assertThat(fx.core.images().list(OTHER_MEMBER, ListParameters.empty()).images())
                .extracting(Image::id)
                .contains(image.id());
    }

    @Test
    void onlyTheMemberAnswersAndOnlyTheOwnerAddsOrRemoves() {
        Image image = shared();
        members.add(OWNER_MEMBER, image.id(), OTHER_PROJECT);
        assertFails(
                ErrorCategory.FORBIDDEN,
                "modify_member",
                () -> members.update(OWNER_MEMBER, image.id(), OTHER_PROJECT, "accepted"));
        assertFails(ErrorCategory.FORBIDDEN, "add_member", () -> members.add(OTHER_MEMBER, image.id(), "project-c"));
        assertFails(
                ErrorCategory.FORBIDDEN,
                "delete_member",
                () -> members.remove(OTHER_MEMBER, image.id(), OTHER_PROJECT));
        assertFails(ErrorCategory.FORBIDDEN, "add_member", () -> members.add(OWNER_READER, image.id(), "project-c"));
        members.remove(OWNER_MEMBER, image.id(), OTHER_PROJECT);
        assertThat(members.list(OWNER_MEMBER, image.id())).isEmpty();
    }

    @Test
    void aMemberSeesOnlyItsOwnMembership() {
        Image image = shared();
        members.add(OWNER_MEMBER, image.id(), OTHER_PROJECT);
        members.add(OWNER_MEMBER, image.id(), "project-c");
        assertThat(members.list(OWNER_READER, image.id()))
                .extracting(ImageMember::memberId)
                .containsExactly(OTHER_PROJECT, "project-c");
        assertThat(members.list(OTHER_READER, image.id()))
                .extracting(ImageMember::memberId)
                .containsExactly(OTHER_PROJECT);
        assertThat(members.list(ADMIN, image.id())).hasSize(2);
        assertFails(
                ErrorCategory.NOT_FOUND,
                "project-c not found in the member list of the image " + image.id(),
                () -> members.get(OTHER_MEMBER, image.id(), "project-c"));
        assertFails(
                ErrorCategory.NOT_FOUND,
                "Image " + image.id() + " not found.",
                () -> members.list(context("x", "project-d", "member", "reader"), image.id()));
    }

    @Test
    void onlySharedImagesHaveMembers() {
        Image image = fx.create(OWNER_MEMBER, "name", "p", "visibility", "private");
        assertFails(
                ErrorCategory.FORBIDDEN,
                "Not allowed to create members for image " + image.id() + ".",
                () -> members.add(OWNER_MEMBER, image.id(), OTHER_PROJECT));
        assertFails(
                ErrorCategory.FORBIDDEN,
                "Only shared images have members.",
                () -> members.list(OWNER_MEMBER, image.id()));
        assertFails(
                ErrorCategory.NOT_FOUND,
                "Only shared images have members.",
                () -> members.get(OWNER_MEMBER, image.id(), OTHER_PROJECT));
        assertFails(
                ErrorCategory.FORBIDDEN,
                "Not allowed to update members",
                () -> members.update(OWNER_MEMBER, image.id(), OTHER_PROJECT, "accepted"));
        assertFails(
                ErrorCategory.FORBIDDEN,
                "Not allowed to delete members",
                () -> members.remove(OWNER_MEMBER, image.id(), OTHER_PROJECT));
    }

    @Test
    void duplicatesUnknownMembersAndBadStatusesAreRefused() {
        Image image = shared();
        members.add(OWNER_MEMBER, image.id(), OTHER_PROJECT);
        assertFails(
                ErrorCategory.CONFLICT,
                "Member " + OTHER_PROJECT + " is duplicated for image " + image.id(),
                () -> members.add(OWNER_MEMBER, image.id(), OTHER_PROJECT));
        assertFails(
                ErrorCategory.NOT_FOUND,
                "nobody not found in the member list",
                () -> members.remove(OWNER_MEMBER, image.id(), "nobody"));
        assertFails(
                ErrorCategory.INVALID,
                "Status must be \"pending\", \"accepted\" or \"rejected\".",
                () -> members.update(OTHER_MEMBER, image.id(), OTHER_PROJECT, "maybe"));
        assertFails(ErrorCategory.INVALID, "Member can't be empty", () -> members.add(OWNER_MEMBER, image.id(), ""));
        assertThat(members.get(OTHER_MEMBER, image.id(), OTHER_PROJECT).status())
                .isEqualTo(MemberStatus.PENDING);
    }

    @Test
    void theMemberQuotaCountsEveryMember() {
        CoreFixture small = new CoreFixture(CoreSettings.defaults().withImageMemberQuota(2));
        Image image = small.create(OWNER_MEMBER, "name", "q", "visibility", "shared");
        small.core.members().add(OWNER_MEMBER, image.id(), "p1");
        small.core.members().add(OWNER_MEMBER, image.id(), "p2");
        assertFails(
                ErrorCategory.TOO_LARGE,
                "Attempted: 3, Maximum: 2",
                () -> small.core.members().add(OWNER_MEMBER, image.id(), "p3"));
        assertThat(small.core.members().list(OWNER_MEMBER, image.id())).hasSize(2);

        CoreFixture unlimited = new CoreFixture(CoreSettings.defaults().withImageMemberQuota(-1));
        Image other = unlimited.create(OWNER_MEMBER, "name", "u", "visibility", "shared");
        for (String p : List.of("p1", "p2", "p3", "p4")) {
            unlimited.core.members().add(OWNER_MEMBER, other.id(), p);
        }
        assertThat(unlimited.core.members().list(ADMIN, other.id())).hasSize(4);
    }

    @Test
    void rejectedMembersKeepReachingTheImageByIdButNotInTheirList() {
        Image image = shared();
        members.add(OWNER_MEMBER, image.id(), THIRD.projectId());
        members.update(THIRD, image.id(), THIRD.projectId(), "rejected");
        assertThat(fx.core.images().get(THIRD, image.id()).id()).isEqualTo(image.id());
        assertThat(fx.core.images().list(THIRD, ListParameters.empty()).images())
                .extracting(Image::id)
                .doesNotContain(image.id());
    }
}
