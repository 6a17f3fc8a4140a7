package org.glance4j.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glance4j.core.CoreFixture.assertFails;
import static org.glance4j.ports.model.ImageStatus.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T00:00:05Z");

    /** Glance's valid_state_targets, written out independently of the production table. */
    private static final Map<ImageStatus, Set<ImageStatus>> ALLOWED = Map.of(
            QUEUED, EnumSet.of(SAVING, UPLOADING, IMPORTING, ACTIVE, DELETED),
            SAVING, EnumSet.of(ACTIVE, KILLED, DELETED, QUEUED),
            UPLOADING, EnumSet.of(IMPORTING, QUEUED, DELETED),
            IMPORTING, EnumSet.of(ACTIVE, DELETED, QUEUED),
            ACTIVE, EnumSet.of(PENDING_DELETE, DELETED, DEACTIVATED),
            KILLED, EnumSet.of(DELETED),
            PENDING_DELETE, EnumSet.of(DELETED, ACTIVE),
            DELETED, EnumSet.noneOf(ImageStatus.class),
            DEACTIVATED, EnumSet.of(ACTIVE, DELETED));

    static Stream<Arguments> allowed() {
        List<Arguments> out = new ArrayList<>();
        ALLOWED.forEach((from, tos) -> tos.forEach(to -> out.add(Arguments.of(from, to))));
        return out.stream();
    }

    static Stream<Arguments> refused() {
        List<Arguments> out = new ArrayList<>();
        for (ImageStatus from : ImageStatus.values()) {
            for (ImageStatus to : ImageStatus.values()) {
                if (!ALLOWED.get(from).contains(to)) {
                    out.add(Arguments.of(from, to));
                }
            }
        }
        return out.stream();
    }

    private static Image image(ImageStatus status) {
        return Image.builder("11111111-1111-1111-1111-111111111111", T0)
                .status(status)
                .diskFormat("raw")
                .containerFormat("bare")
                .size(10L)
                .virtualSize(10L)
                .build();
    }

    @ParameterizedTest(name = "{0} -> {1} is allowed")
    @MethodSource("allowed")
    void everyAllowedTransitionMoves(ImageStatus from, ImageStatus to) {
        assertThat(ImageLifecycle.allows(from, to)).isTrue();
        Image moved = ImageLifecycle.of(image(from)).moveTo(to, T1);
        assertThat(moved.status()).isEqualTo(to);
        assertThat(moved.updatedAt()).isEqualTo(T1);
    }

    @ParameterizedTest(name = "{0} -> {1} is refused")
    @MethodSource("refused")
    void everyOtherTransitionIsRefused(ImageStatus from, ImageStatus to) {
        assertThat(ImageLifecycle.of(image(from)).canMoveTo(to)).isFalse();
        assertFails(
                ErrorCategory.CONFLICT,
                "from " + from.wireName() + " to " + to.wireName(),
                () -> ImageLifecycle.of(image(from)).moveTo(to, T1));
    }

    @Test
    void theTablesAgreeInSize() {
        int total = 0;
        for (ImageStatus s : ImageStatus.values()) {
            assertThat(ImageLifecycle.targetsOf(s)).isEqualTo(ALLOWED.get(s));
            total += ALLOWED.get(s).size();
        }
        assertThat(total).isEqualTo(23);
    }

    @Test
    void dataNeedsBothFormats() {
        Image bare = Image.builder("11111111-1111-1111-1111-111111111111", T0).build();
        assertFails(
                ErrorCategory.INVALID,
                "Properties disk_format, container_format must be set",
                () -> ImageLifecycle.of(bare).moveTo(ACTIVE, T1));
        Image halfway = bare.toBuilder().diskFormat("raw").build();
        assertFails(
                ErrorCategory.INVALID,
                "Property container_format must be set",
                () -> ImageLifecycle.of(halfway).moveTo(SAVING, T1));
        assertFails(
                ErrorCategory.INVALID,
                () -> ImageLifecycle.of(bare.toBuilder().status(UPLOADING).build())
                        .moveTo(IMPORTING, T1));
        // going to uploading or deleted needs no format
        assertThat(ImageLifecycle.of(bare).moveTo(UPLOADING, T1).status()).isEqualTo(UPLOADING);
        assertThat(ImageLifecycle.of(bare).moveTo(DELETED, T1).status()).isEqualTo(DELETED);
    }

    @Test
    void backToQueuedForgetsSizes() {
        Image requeued = ImageLifecycle.of(image(SAVING)).moveTo(QUEUED, T1);
        assertThat(requeued.size()).isNull();
        assertThat(requeued.virtualSize()).isNull();
    }

    @Test
    void deletionStampsDeletedAt() {
        Image deleted = ImageLifecycle.of(image(ACTIVE)).moveTo(DELETED, T1);
        assertThat(deleted.deletedAt()).isEqualTo(T1);
        assertThat(deleted.isDeleted()).isTrue();
        assertThat(ImageLifecycle.of(image(ACTIVE)).moveTo(DEACTIVATED, T1).deletedAt())
                .isNull();
    }
}
