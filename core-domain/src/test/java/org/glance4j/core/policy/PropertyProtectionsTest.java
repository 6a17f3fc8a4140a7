package org.glance4j.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.glance4j.core.CoreFixture.assertFails;
import static org.glance4j.core.CoreFixture.context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glance4j.core.CoreFixture;
import org.glance4j.core.settings.CoreSettings;
import org.glance4j.core.settings.PropertyProtectionSettings;
import org.glance4j.core.settings.PropertyProtectionSettings.Format;
import org.glance4j.core.settings.PropertyProtectionSettings.Section;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.in.ListParameters;
import org.glance4j.ports.in.PatchOperation;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.RequestContext;
import org.junit.jupiter.api.Test;

class PropertyProtectionsTest {

    private static final RequestContext ADMIN = context("root", "project-a", "admin", "member", "reader");
    private static final RequestContext MEMBER = context("alice", "project-a", "member", "reader");

    private static Section section(String pattern, String create, String read, String update, String delete) {
        Map<String, String> ops = new LinkedHashMap<>();
        ops.put("create", create);
        ops.put("read", read);
        ops.put("update", update);
        ops.put("delete", delete);
        return new Section(pattern, ops);
    }

    /** Glance's sample roles file, shortened: x_owner_ for members, x_admin_ for admins, the rest open. */
    private static PropertyProtectionSettings roles() {
        return new PropertyProtectionSettings(
                Format.ROLES,
                List.of(
                        section("^x_admin_.*", "admin", "admin", "admin", "admin"),
                        section("^x_readonly_.*", "admin", "admin,member", "!", "admin"),
                        section("^x_none_.*", "", "", "", ""),
                        section(".*", "@", "@", "@", "@")));
    }

    private final CoreFixture fx = new CoreFixture(CoreSettings.defaults().withPropertyProtections(roles()));

    @Test
    void theFirstMatchingSectionDecides() {
        PropertyProtections p = PropertyProtections.of(roles(), PolicyEngine.defaults());
        assertThat(p.allows(MEMBER, "x_admin_key", PropertyProtections.Operation.READ))
                .isFalse();
        assertThat(p.allows(ADMIN, "x_admin_key", PropertyProtections.Operation.READ))
                .isTrue();
        assertThat(p.allows(MEMBER, "x_readonly_key", PropertyProtections.Operation.READ))
                .isTrue();
        assertThat(p.allows(ADMIN, "x_readonly_key", PropertyProtections.Operation.UPDATE))
                .isFalse();
        assertThat(p.allows(ADMIN, "x_none_key", PropertyProtections.Operation.CREATE))
                .isFalse();
        assertThat(p.allows(MEMBER, "anything", PropertyProtections.Operation.DELETE))
                .isTrue();
        assertThat(p.allows(MEMBER, "os_glance_x", PropertyProtections.Operation.CREATE))
                .isTrue();
    }

    @Test
    void aPropertyNoSectionMatchesIsRefused() {
        PropertyProtections p = PropertyProtections.of(
                new PropertyProtectionSettings(Format.ROLES, List.of(section("^only_.*", "@", "@", "@", "@"))),
                PolicyEngine.defaults());
        assertThat(p.allows(ADMIN, "other", PropertyProtections.Operation.READ)).isFalse();
        assertThat(PropertyProtections.none().allows(MEMBER, "other", PropertyProtections.Operation.READ))
                .isTrue();
    }

    @Test
    void malformedSectionsAreRefusedByName() {
        Map<String, String> missing = Map.of("create", "@", "read", "@", "update", "@");
        assertThatThrownBy(() -> PropertyProtections.of(
                        new PropertyProtectionSettings(Format.ROLES, List.of(new Section("^a.*", missing))),
                        PolicyEngine.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[^a.*]")
                .hasMessageContaining("delete");
        assertThatThrownBy(() -> PropertyProtections.of(
                        new PropertyProtectionSettings(Format.ROLES, List.of(section("^(b", "@", "@", "@", "@"))),
                        PolicyEngine.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[^(b]");
        assertThatThrownBy(() -> PropertyProtections.of(
                        new PropertyProtectionSettings(Format.ROLES, List.of(section("c", "@,!", "@", "@", "@"))),
                        PolicyEngine.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exclude each other");
        assertThatThrownBy(() -> PropertyProtections.of(
                        new PropertyProtectionSettings(Format.POLICIES, List.of(section("d", "a,b", "@", "@", "@"))),
                        PolicyEngine.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one policy rule");
    }

    @Test
    void thePoliciesFormatEvaluatesTheNamedRuleAndRefusesAnUnknownOne() {
        PolicyEngine engine = PolicyEngine.withOverrides(Map.of("glance_creator", "role:admin or role:creator"));
        PropertyProtections p = PropertyProtections.of(
                new PropertyProtectionSettings(
                        Format.POLICIES, List.of(section("^spec_.*", "glance_creator", "@", "no_such_rule", "!"))),
                engine);
        assertThat(p.allows(ADMIN, "spec_a", PropertyProtections.Operation.CREATE))
                .isTrue();
        assertThat(p.allows(context("c", "p", "creator"), "spec_a", PropertyProtections.Operation.CREATE))
                .isTrue();
        assertThat(p.allows(MEMBER, "spec_a", PropertyProtections.Operation.CREATE))
                .isFalse();
        assertThat(p.allows(ADMIN, "spec_a", PropertyProtections.Operation.UPDATE))
                .isFalse();
        assertThat(p.allows(MEMBER, "spec_a", PropertyProtections.Operation.READ))
                .isTrue();
    }

    @Test
    void createRefusesAPropertyTheCallerMayNotCreate() {
        assertFails(
                ErrorCategory.FORBIDDEN,
                "Attribute 'x_admin_key' is reserved.",
                () -> fx.create(MEMBER, "name", "n", "x_admin_key", "v"));
        Image image = fx.create(ADMIN, "name", "n", "x_admin_key", "v", "plain", "p");
        assertThat(image.properties()).containsEntry("x_admin_key", "v");
    }

    @Test
    void readHidesUnreadablePropertiesInShowAndList() {
        Image image = fx.create(ADMIN, "name", "n", "x_admin_key", "secret", "plain", "p");
        assertThat(fx.core.images().get(MEMBER, image.id()).properties()).containsOnlyKeys("plain");
        assertThat(fx.core.images().list(MEMBER, ListParameters.empty()).images())
                .singleElement()
                .satisfies(i -> assertThat(i.properties()).containsOnlyKeys("plain"));
        assertThat(fx.core.images().get(ADMIN, image.id()).properties()).containsKeys("plain", "x_admin_key");
    }

    @Test
    void updatesFollowEachOperationAndKeepWhatTheCallerCannotRead() {
        Image image = fx.create(ADMIN, "name", "n", "x_admin_key", "secret", "x_readonly_key", "r", "plain", "p");
        String id = image.id();
        assertFails(
                ErrorCategory.CONFLICT,
                "Property x_admin_key does not exist.",
                () -> fx.core
                        .images()
                        .update(MEMBER, id, List.of(new PatchOperation("replace", "/x_admin_key", "mine", true))));
        assertFails(
                ErrorCategory.CONFLICT,
                "Property x_admin_key does not exist.",
                () -> fx.core
                        .images()
                        .update(MEMBER, id, List.of(new PatchOperation("remove", "/x_admin_key", null, false))));
        assertFails(
                ErrorCategory.FORBIDDEN,
                "Attribute 'x_readonly_key' is reserved.",
                () -> fx.core
                        .images()
                        .update(MEMBER, id, List.of(new PatchOperation("replace", "/x_readonly_key", "w", true))));
        assertFails(
                ErrorCategory.FORBIDDEN,
                "Attribute 'x_readonly_key' is reserved.",
                () -> fx.core
                        .images()
                        .update(MEMBER, id, List.of(new PatchOperation("remove", "/x_readonly_key", null, false))));

        Image updated =
                fx.core.images().update(MEMBER, id, List.of(new PatchOperation("replace", "/plain", "q", true)));
        assertThat(updated.properties()).containsEntry("plain", "q").doesNotContainKey("x_admin_key");
        assertThat(fx.core.images().get(ADMIN, id).properties())
                .containsEntry("x_admin_key", "secret")
                .containsEntry("plain", "q")
                .containsEntry("x_readonly_key", "r");
    }
}
