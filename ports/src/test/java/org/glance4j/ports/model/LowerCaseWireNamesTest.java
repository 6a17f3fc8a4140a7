package org.glance4j.ports.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The enums spelt in lower case on the wire: every constant goes there and back, nothing else parses. */
class LowerCaseWireNamesTest {

    @Test
    void everyConstantRoundTripsThroughItsLowerCaseName() {
        for (ImageStatus status : ImageStatus.values()) {
            assertThat(status.wireName()).isEqualTo(status.name().toLowerCase(Locale.ROOT));
            assertThat(ImageStatus.fromWire(status.wireName())).isSameAs(status);
        }
        for (Visibility visibility : Visibility.values()) {
            assertThat(visibility.wireName()).isEqualTo(visibility.name().toLowerCase(Locale.ROOT));
            assertThat(Visibility.fromWire(visibility.wireName())).isSameAs(visibility);
        }
        for (MemberStatus status : MemberStatus.values()) {
            assertThat(status.wireName()).isEqualTo(status.name().toLowerCase(Locale.ROOT));
            assertThat(MemberStatus.fromWire(status.wireName())).isSameAs(status);
        }
        assertThat(ImageStatus.PENDING_DELETE.wireName()).isEqualTo("pending_delete");
    }

    @Test
    void otherSpellingsAndNullParseToNull() {
        assertThat(ImageStatus.fromWire("ACTIVE")).isNull();
        assertThat(ImageStatus.fromWire("bogus")).isNull();
        assertThat(ImageStatus.fromWire(null)).isNull();
        assertThat(Visibility.fromWire("Public")).isNull();
        assertThat(Visibility.fromWire("")).isNull();
        assertThat(MemberStatus.fromWire("accepted ")).isNull();
        assertThat(MemberStatus.fromWire(null)).isNull();
    }
}
