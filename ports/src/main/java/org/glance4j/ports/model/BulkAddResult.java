package org.glance4j.ports.model;

import java.util.List;

/**
 * What {@link org.glance4j.ports.out.ImageRepository#addAllAbsent} did, id by id.
 *
 * @param added          the ids of the images stored by the call, in the order given
 * @param alreadyPresent the ids of the images left as they were because an image with that id was already stored
 *                       (deleted ones included), in the order given
 * @param membersAdded   the memberships stored by the call (of added and of already present images), in the order
 *                       given; those already stored are not in it
 */
public record BulkAddResult(List<String> added, List<String> alreadyPresent, List<ImageMember> membersAdded) {
    public BulkAddResult {
        added = List.copyOf(added);
        alreadyPresent = List.copyOf(alreadyPresent);
        membersAdded = List.copyOf(membersAdded);
    }
}
