package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.glance4j.bootstrap.config.ConfigException;
import org.glance4j.bootstrap.config.ConfigLoader;
import org.glance4j.bootstrap.config.GlanceConfig;
import org.glance4j.bootstrap.config.IniParser;
import org.glance4j.core.format.FormatSettings;
import org.junit.jupiter.api.Test;

/** The [image_format] options of format inspection. */
class ImageFormatConfigTest {

    private static GlanceConfig load(String text) {
        return ConfigLoader.load(IniParser.parse("glance-api.conf", text), Path.of("/srv"))
                .config();
    }

    @Test
    void defaultsAreGlances() {
        assertThat(GlanceConfig.defaults().formats()).isEqualTo(FormatSettings.defaults());
    }

    @Test
    void booleansReadAsOsloConfigReadsThem() {
        for (String no : List.of("false", "False", "NO", "off", "0")) {
            assertThat(load("[image_format]\nrequire_image_format_match = " + no + "\n")
                            .formats()
                            .requireImageFormatMatch())
                    .as(no)
                    .isFalse();
        }
        for (String yes : List.of("true", "TRUE", "yes", "on", "1")) {
            assertThat(load("[image_format]\nrequire_image_format_match = " + yes + "\n")
                            .formats()
                            .requireImageFormatMatch())
                    .as(yes)
                    .isTrue();
        }
    }

    @Test
    void badValuesStopTheStartNamingTheOption() {
        assertThatThrownBy(() -> load("[image_format]\nrequire_image_format_match = maybe\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[image_format] require_image_format_match")
                .hasMessageContaining("maybe");
        assertThatThrownBy(() -> load("[image_format]\nvmdk_allowed_types = streamOptimized,,x\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("vmdk_allowed_types");
    }

    @Test
    void anEmptyListAllowsNoVmdk() {
        assertThat(load("[image_format]\nvmdk_allowed_types =\n").formats().vmdkAllowedTypes())
                .isEmpty();
        assertThat(load("[image_format]\ngpt_safety_checks_nonfatal = mbr, gptmbr\n")
                        .formats()
                        .gptSafetyChecksNonfatal())
                .containsExactly("mbr", "gptmbr");
    }
}
