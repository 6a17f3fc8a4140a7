package org.glance4j.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert;
import org.glance4j.core.settings.CoreSettings;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageMember;
import org.glance4j.ports.model.MemberStatus;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.testing.InMemoryImageMemberRepository;
import org.glance4j.ports.testing.InMemoryImageRepository;

/** A core on the in-memory fakes, a hand-driven clock, and the personas of the tests. */
public final class CoreFixture {

    public static final String OWNER_PROJECT = "project-a";
    public static final String OTHER_PROJECT = "project-b";

    public static final RequestContext ADMIN = context("admin-user", "admin-project", "admin", "member", "reader");
    public static final RequestContext OWNER_MEMBER = context("alice", OWNER_PROJECT, "member", "reader");
    public static final RequestContext OWNER_READER = context("bob", OWNER_PROJECT, "reader");
    public static final RequestContext OWNER_MEMBER_WITHOUT_READER = context("carol", OWNER_PROJECT, "member");
    public static final RequestContext OTHER_MEMBER = context("dave", OTHER_PROJECT, "member", "reader");
    public static final RequestContext OTHER_READER = context("erin", OTHER_PROJECT, "reader");

    public final InMemoryImageMemberRepository members = new InMemoryImageMemberRepository();
    public final InMemoryImageRepository images = new InMemoryImageRepository(members);
    public final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    public final GlanceCore core;

    public CoreFixture() {
        this(CoreSettings.defaults());
    }

    public CoreFixture(CoreSettings settings) {
        core = GlanceCore.builder()
                .images(images)
                .members(members)
                .settings(settings)
                .clock(clock)
                .build();
    }

    public static RequestContext context(String user, String project, String... roles) {
        return new RequestContext("req-" + user, user, project, Set.of(roles));
    }

    /** Creates an image as the owner project's member, with the given body members. */
    public Image create(RequestContext who, Object... keyValues) {
        Map<String, Object> body = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            body.put((String) keyValues[i], keyValues[i + 1]);
        }
        clock.tick();
        return core.images().create(who, body);
    }

    public void share(Image image, String project, MemberStatus status) {
        members.add(new ImageMember(image.id(), project, status, clock.instant(), clock.instant()));
    }

    public static void assertFails(ErrorCategory category, ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOf(GlanceException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((GlanceException) e).category())
                        .as("category of: %s", e.getMessage())
                        .isEqualTo(category));
    }

    public static void assertFails(ErrorCategory category, String messagePart, ThrowableAssert.ThrowingCallable call) {
        assertFails(category, call);
        assertThatThrownBy(call).hasMessageContaining(messagePart);
    }

    /** A clock the test moves by hand. */
    public static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        public void tick() {
            now = now.plusSeconds(1);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
