package org.glance4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.glance4j.core.settings.CoreSettings;
import org.glance4j.ports.testing.InMemoryImageMemberRepository;
import org.glance4j.ports.testing.InMemoryImageRepository;
import org.junit.jupiter.api.Test;

class GlanceCoreTest {

    @Test
    void defaultsAreGlances() {
        CoreSettings d = CoreSettings.defaults();
        assertThat(d.diskFormats())
                .containsExactly("ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop");
        assertThat(d.containerFormats())
                .containsExactly("ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed");
        assertThat(d.limitParamDefault()).isEqualTo(25);
        assertThat(d.apiLimitMax()).isEqualTo(1000);
        assertThat(d.imagePropertyQuota()).isEqualTo(128);
        assertThat(d.imageTagQuota()).isEqualTo(128);
        assertThat(d.policyOverrides()).isEmpty();
    }

    @Test
    void aBadPolicyOverrideFailsTheBuildNamingTheRule() {
        InMemoryImageMemberRepository members = new InMemoryImageMemberRepository();
        GlanceCore.Builder builder = GlanceCore.builder()
                .images(new InMemoryImageRepository(members))
                .members(members)
                .settings(CoreSettings.defaults().withPolicyOverrides(Map.of("get_images", "role:reader and")));
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("get_images");
    }

    @Test
    void policyOverridesApply() {
        CoreFixture f = new CoreFixture(CoreSettings.defaults().withPolicyOverrides(Map.of("add_image", "!")));
        CoreFixture.assertFails(org.glance4j.ports.error.ErrorCategory.FORBIDDEN, () -> f.create(CoreFixture.ADMIN));
    }

    @Test
    void repositoriesAreRequired() {
        assertThatThrownBy(() -> GlanceCore.builder().build()).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aNullGivenForAPartWithADefaultIsRefusedAtTheSetterNamingThePart() {
        GlanceCore.Builder builder = GlanceCore.builder();
        Map<String, ThrowingCallable> givenNull = Map.of(
                "settings", () -> builder.settings(null),
                "clock", () -> builder.clock(null),
                "data settings", () -> builder.data(null),
                "location settings", () -> builder.locations(null),
                "format settings", () -> builder.formats(null));
        givenNull.forEach((part, call) -> assertThatThrownBy(call)
                .isInstanceOf(NullPointerException.class)
                .hasMessage(part));
    }
}
