package org.glance4j.ports.in;

import java.util.List;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.ImageMember;
import org.glance4j.ports.model.RequestContext;

/**
 * The members of an image: the projects a {@code shared} image is offered to, and their answers
 * ({@code /v2/images/{id}/members}). The owner's project offers and withdraws; the member project accepts, rejects
 * or goes back to pending. Only shared images have members.
 *
 * <p>Every call first looks the image up as the caller sees it: an image that does not exist, is deleted, or is
 * hidden from the caller is {@code NOT_FOUND}.
 */
public interface ImageMemberService {

    /**
     * The memberships of an image that the caller may see: all of them for an administrator or the owner's
     * project, only its own membership for a member project.
     *
     * @throws GlanceException {@code NOT_FOUND} for an unknown or hidden image, {@code FORBIDDEN} when the image is
     *                         not shared or the policy refuses {@code get_members}
     */
    List<ImageMember> list(RequestContext context, String imageId);

    /**
     * One membership.
     *
     * @throws GlanceException {@code NOT_FOUND} for an unknown or hidden image, an image that is not shared, a
     *                         project that is not a member, or a membership the caller may not see
     */
    ImageMember get(RequestContext context, String imageId, String memberId);

    /**
     * Offers the image to a project; the new membership is {@code pending}.
     *
     * @throws GlanceException {@code INVALID} for an empty member id, {@code NOT_FOUND} for an unknown or hidden
     *                         image, {@code FORBIDDEN} when the image is not shared or the policy refuses
     *                         {@code add_member}, {@code CONFLICT} when the project is already a member,
     *                         {@code TOO_LARGE} past {@code image_member_quota}
     */
    ImageMember add(RequestContext context, String imageId, String memberId);

    /**
     * Records a member project's answer.
     *
     * @param status the wire name: {@code pending}, {@code accepted} or {@code rejected}; anything else is
     *               {@code INVALID} (checked after the look-ups and policies, as Glance does)
     * @throws GlanceException {@code NOT_FOUND} for an unknown or hidden image or a project that is not a member,
     *                         {@code FORBIDDEN} when the image is not shared or the policy refuses
     *                         ({@code modify_member} lets only the member project answer)
     */
    ImageMember update(RequestContext context, String imageId, String memberId, String status);

    /**
     * Withdraws the offer to a project.
     *
     * @throws GlanceException {@code NOT_FOUND} for an unknown or hidden image or a project that is not a member,
     *                         {@code FORBIDDEN} when the image is not shared or the policy refuses
     *                         {@code delete_member}
     */
    void remove(RequestContext context, String imageId, String memberId);
}
