package org.glance4j.storage.rbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.junit.jupiter.api.Test;

class RbdLocationTest {

    @Test
    void writesGlancesLongFormQuotingEveryPart() {
        assertThat(new RbdLocation("f-1", "my pool", "a/b", "snap").uri()).isEqualTo("rbd://f-1/my%20pool/a%2Fb/snap");
    }

    @Test
    void readsTheLongFormBack() {
        assertThat(RbdLocation.parse("rbd://f-1/my%20pool/a%2Fb/snap", "images"))
                .isEqualTo(new RbdLocation("f-1", "my pool", "a/b", "snap"));
    }

    @Test
    void readsTheShortFormAsAnImageOfTheStoresPoolWithoutSnapshot() {
        assertThat(RbdLocation.parse("rbd://abc", "images")).isEqualTo(new RbdLocation(null, "images", "abc", null));
    }

    @Test
    void anythingElseNamesNothingInThisStore() {
        for (String location :
                new String[] {"file:///x", "rbd://a/b", "rbd://a/b/c/d/e", "rbd://a//c/d", "rbd://a/b/c%zz/d", "rbd://"
                }) {
            GlanceException refusal =
                    catchThrowableOfType(GlanceException.class, () -> RbdLocation.parse(location, "images"));
            assertThat(refusal.category()).as(location).isEqualTo(ErrorCategory.NOT_FOUND);
        }
    }
}
