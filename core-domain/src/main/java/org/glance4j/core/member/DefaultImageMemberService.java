package org.glance4j.core.member;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.glance4j.core.image.ImageAccess;
import org.glance4j.core.image.ImageServiceParts;
import org.glance4j.core.image.Timestamps;
import org.glance4j.core.policy.ImagePolicy;
import org.glance4j.core.policy.PolicyEngine;
import org.glance4j.core.text.StorableText;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ImageMemberService;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageMember;
import org.glance4j.ports.model.MemberStatus;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.Visibility;
import org.glance4j.ports.out.ImageMemberRepository;

/**
 * Image members with Glance's rules; see {@link ImageMemberService}. Each call looks the image up as the caller
 * sees it, requires a shared image, then enforces the member policy (which first needs {@code get_image}). A
 * caller who is neither an administrator nor in the owner's project sees only its own membership, as Glance's
 * database layer filters memberships.
 */
public final class DefaultImageMemberService implements ImageMemberService {

    private final ImageMemberRepository members;
    private final PolicyEngine policies;
    private final ImageAccess access;
    private final Timestamps time;
    private final int memberQuota;

    /**
     * @param memberQuota {@code image_member_quota}: the most members an image may have; negative for no limit
     */
    public DefaultImageMemberService(ImageServiceParts parts, ImageMemberRepository members, int memberQuota) {
        this.members = members;
        this.policies = parts.policies();
        this.access = parts.access();
        this.time = parts.time();
        this.memberQuota = memberQuota;
    }

    @Override
    public List<ImageMember> list(RequestContext context, String imageId) {
        Caller caller = lookUp(context, imageId);
        if (!caller.shared()) {
            throw GlanceException.forbidden(
                    "Not allowed to list members for image " + imageId + ": Only shared images have members.");
        }
        caller.enforce("get_members");
        return members.listForImage(caller.image().id()).stream()
                .filter(caller::maySee)
                .toList();
    }

    @Override
    public ImageMember get(RequestContext context, String imageId, String memberId) {
        Caller caller = lookUp(context, imageId);
        if (!caller.shared()) {
            throw GlanceException.notFound("Only shared images have members.");
        }
        try {
            return lookUpMember(caller, memberId);
        } catch (GlanceException e) {
            if (e.category() == ErrorCategory.FORBIDDEN) {
                throw GlanceException.notFound(e.getMessage());
            }
            throw e;
        }
    }

    @Override
    public ImageMember add(RequestContext context, String imageId, String memberId) {
        if (memberId == null || memberId.isEmpty()) {
            throw GlanceException.invalid("Member can't be empty");
        }
        StorableText.requireIdentifier("Member", memberId);
        Caller caller = lookUp(context, imageId);
        if (!caller.shared()) {
            throw GlanceException.forbidden("Not allowed to create members for image " + imageId + ".");
        }
        caller.enforce("add_member");
        enforceQuota(caller.image().id());
        Instant now = time.now();
        ImageMember member = new ImageMember(caller.image().id(), memberId, MemberStatus.PENDING, now, now);
        try {
            members.add(member);
        } catch (GlanceException e) {
            if (e.category() == ErrorCategory.CONFLICT) {
                throw GlanceException.conflict("Member " + memberId + " is duplicated for image " + imageId);
            }
            throw e;
        }
        return member;
    }

    @Override
    public ImageMember update(RequestContext context, String imageId, String memberId, String status) {
        Caller caller = lookUp(context, imageId);
        if (!caller.shared()) {
            throw GlanceException.forbidden("Not allowed to update members for image " + imageId + ".");
        }
        ImageMember member = lookUpMember(caller, memberId);
        caller.enforce("modify_member");
        MemberStatus newStatus = status == null ? null : MemberStatus.fromWire(status);
        if (newStatus == null) {
            throw GlanceException.invalid(
                    "Incorrect request: Status must be \"pending\", \"accepted\" or" + " \"rejected\".");
        }
        ImageMember updated = new ImageMember(
                member.imageId(), member.memberId(), newStatus, member.createdAt(), time.after(member.updatedAt()));
        try {
            members.update(updated);
        } catch (GlanceException e) {
            if (e.category() == ErrorCategory.NOT_FOUND) {
                throw memberNotFound(memberId, imageId);
            }
            throw e;
        }
        return updated;
    }

    @Override
    public void remove(RequestContext context, String imageId, String memberId) {
        Caller caller = lookUp(context, imageId);
        if (!caller.shared()) {
            throw GlanceException.forbidden("Not allowed to delete members for image " + imageId + ".");
        }
        lookUpMember(caller, memberId);
        caller.enforce("delete_member");
        if (!members.remove(caller.image().id(), memberId)) {
            throw memberNotFound(memberId, imageId);
        }
    }

    private Caller lookUp(RequestContext context, String imageId) {
        ImagePolicy policy = new ImagePolicy(policies, context);
        try {
            ImageAccess.Found found = access.load(context, policy, imageId);
            return new Caller(context, policy, found.image(), found.memberId());
        } catch (GlanceException e) {
            if (e.category() == ErrorCategory.NOT_FOUND) {
                throw GlanceException.notFound("Image " + imageId + " not found.");
            }
            throw e;
        }
    }

    private ImageMember lookUpMember(Caller caller, String memberId) {
        caller.enforce("get_member");
        return members.find(caller.image().id(), memberId)
                .filter(caller::maySee)
                .orElseThrow(() -> memberNotFound(memberId, caller.image().id()));
    }

    private void enforceQuota(String imageId) {
        if (memberQuota < 0) {
            return;
        }
        int attempted = members.listForImage(imageId).size() + 1;
        if (attempted > memberQuota) {
            throw GlanceException.tooLarge("Image member limit exceeded for image " + imageId
                    + ": The limit has been exceeded on the number of allowed image members for this image."
                    + " Attempted: " + attempted + ", Maximum: " + memberQuota + ":");
        }
    }

    private static GlanceException memberNotFound(String memberId, String imageId) {
        return GlanceException.notFound(memberId + " not found in the member list of the image " + imageId + ".");
    }

    /** The caller and the image it looked up. */
    private record Caller(RequestContext context, ImagePolicy policy, Image image, String memberId) {

        boolean shared() {
            return image.visibility() == Visibility.SHARED;
        }

        /** A member policy: {@code get_image} first (NOT_FOUND), then the rule itself (FORBIDDEN). */
        void enforce(String rule) {
            if (!policy.check("get_image", image, memberId)) {
                throw GlanceException.notFound("The resource could not be found.");
            }
            if (!policy.check(rule, image, memberId)) {
                throw GlanceException.forbidden("You are not authorized to complete " + rule + " action.");
            }
        }

        /** Administrators and the owner's project see every membership; others only their own. */
        boolean maySee(ImageMember member) {
            return policy.isAdmin()
                    || Objects.equals(context.projectId(), image.owner())
                    || Objects.equals(context.projectId(), member.memberId());
        }
    }
}
