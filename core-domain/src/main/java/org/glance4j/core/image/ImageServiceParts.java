package org.glance4j.core.image;

import java.time.Clock;
import org.glance4j.core.policy.PolicyEngine;
import org.glance4j.ports.out.ImageMemberRepository;
import org.glance4j.ports.out.ImageRepository;

/**
 * What every image use case of one core is built on, made once and handed to each service: the image records, who
 * may see which image ({@link ImageAccess}, over the records and their memberships), the policies, and the time
 * that stamps every change.
 */
public record ImageServiceParts(ImageRepository images, ImageAccess access, PolicyEngine policies, Timestamps time) {

    /** The parts over these repositories, policies and clock. */
    public static ImageServiceParts of(
            ImageRepository images, ImageMemberRepository members, PolicyEngine policies, Clock clock) {
        return new ImageServiceParts(images, new ImageAccess(images, members), policies, new Timestamps(clock));
    }
}
