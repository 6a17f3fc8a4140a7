package org.glance4j.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.glance4j.core.settings.CoreSettings;
import org.glance4j.core.settings.PropertyProtectionSettings.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorPolicyTest {

    @TempDir
    Path dir;

    private static GlanceConfig.PolicyConfig policy(String policyFile, String protections, Format format) {
        return new GlanceConfig.PolicyConfig(Optional.ofNullable(policyFile), Optional.ofNullable(protections), format);
    }

    private CoreSettings apply(GlanceConfig.PolicyConfig policy) {
        return OperatorPolicy.apply(CoreSettings.defaults(), policy, Optional.of(dir));
    }

    @Test
    void theStandardPolicyFileBesideTheConfigurationIsReadWhenPresent() throws IOException {
        assertThat(apply(policy(null, null, Format.ROLES)).policyOverrides()).isEmpty();
        Files.writeString(dir.resolve("policy.yaml"), "add_member: \"rule:context_is_admin\"\n");
        assertThat(apply(policy(null, null, Format.ROLES)).policyOverrides())
                .containsEntry("add_member", "rule:context_is_admin");
        assertThat(OperatorPolicy.apply(CoreSettings.defaults(), policy(null, null, Format.ROLES), Optional.empty())
                        .policyOverrides())
                .isEmpty();
    }

    @Test
    void jsonPolicyFilesAreReadToo() throws IOException {
        Files.writeString(dir.resolve("p.json"), "{\"get_images\": \"role:admin\", \"default\": \"\"}");
        assertThat(apply(policy("p.json", null, Format.ROLES)).policyOverrides())
                .containsEntry("get_images", "role:admin")
                .containsEntry("default", "");
    }

    @Test
    void aRuleThatDoesNotParseStopsTheStartNamingIt() throws IOException {
        Files.writeString(dir.resolve("policy.yaml"), "get_image: \"role:reader and (\"\n");
        assertThatThrownBy(() -> apply(policy(null, null, Format.ROLES)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'get_image'");
        Files.writeString(dir.resolve("policy.yaml"), "get_image: [1, 2]\n");
        assertThatThrownBy(() -> apply(policy(null, null, Format.ROLES)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'get_image'")
                .hasMessageContaining("not a check string");
    }

    @Test
    void aNamedFileMustExist() {
        assertThatThrownBy(() -> apply(policy("missing.yaml", null, Format.ROLES)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing.yaml")
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> apply(policy(null, "missing.conf", Format.ROLES)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("property_protection_file");
    }

    @Test
    void protectionSectionsKeepTheirCaseAndAreChecked() throws IOException {
        Files.writeString(
                dir.resolve("prot.conf"),
                String.join(
                        "\n",
                        "# comment",
                        "[^X_Owner_.*]",
                        "Create = admin,member",
                        "read: @",
                        "update = !",
                        "delete = admin",
                        "",
                        "[.*]",
                        "create = @",
                        "read = @",
                        "update = @",
                        "delete = @",
                        ""));
        CoreSettings core = apply(policy(null, "prot.conf", Format.ROLES));
        assertThat(core.propertyProtections().sections())
                .extracting(s -> s.pattern())
                .containsExactly("^X_Owner_.*", ".*");
        assertThat(core.propertyProtections().sections().get(0).operations())
                .containsEntry("create", "admin,member")
                .containsEntry("read", "@");

        Files.writeString(dir.resolve("bad.conf"), "[^a.*]\ncreate = @\nread = @\nupdate = @\n");
        assertThatThrownBy(() -> apply(policy(null, "bad.conf", Format.ROLES)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[^a.*]")
                .hasMessageContaining("delete");
    }
}
