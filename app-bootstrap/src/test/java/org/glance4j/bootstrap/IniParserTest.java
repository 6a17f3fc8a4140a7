package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.glance4j.bootstrap.config.ConfigException;
import org.glance4j.bootstrap.config.IniFile;
import org.glance4j.bootstrap.config.IniParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IniParserTest {

    private static String value(IniFile file, String section, String option) {
        return file.value(section, option).orElseThrow().text();
    }

    @Test
    void readsEqualsAndColonAssignmentsWithBlanksAroundThem() {
        IniFile file = IniParser.parse("t", "[DEFAULT]\nbind_host = 0.0.0.0\nbind_port:9393\nworkers   :   4\n");
        assertThat(value(file, "DEFAULT", "bind_host")).isEqualTo("0.0.0.0");
        assertThat(value(file, "DEFAULT", "bind_port")).isEqualTo("9393");
        assertThat(value(file, "DEFAULT", "workers")).isEqualTo("4");
    }

    @Test
    void splitsAtWhicheverSeparatorComesFirst() {
        IniFile file = IniParser.parse("t", "[database]\nconnection = postgresql://u:p@h:5432/db\nurl: a=b\n");
        assertThat(value(file, "database", "connection")).isEqualTo("postgresql://u:p@h:5432/db");
        assertThat(value(file, "database", "url")).isEqualTo("a=b");
    }

    @Test
    void skipsHashAndSemicolonCommentsButKeepsEndOfLineText() {
        IniFile file = IniParser.parse("t", "# a comment\n; another\n[DEFAULT]\n#bind_port = 1\nbind_host = x # y\n");
        assertThat(file.value("DEFAULT", "bind_port")).isEmpty();
        assertThat(file.value("DEFAULT", "#bind_port")).isEmpty();
        assertThat(value(file, "DEFAULT", "bind_host")).isEqualTo("x # y");
    }

    @Test
    void joinsContinuationLinesWithNewlinesUntilABlankLine() {
        IniFile file = IniParser.parse(
                "t", "[image_format]\ndisk_formats = raw,\n    qcow2,\n\tiso\n\ncontainer_formats = bare\n");
        assertThat(value(file, "image_format", "disk_formats")).isEqualTo("raw,\nqcow2,\niso");
        assertThat(value(file, "image_format", "container_formats")).isEqualTo("bare");
    }

    @Test
    void removesOnePairOfMatchingQuotes() {
        IniFile file = IniParser.parse("t", "[DEFAULT]\na = \"quoted value\"\nb = 'single'\nc = \"unbalanced'\n");
        assertThat(value(file, "DEFAULT", "a")).isEqualTo("quoted value");
        assertThat(value(file, "DEFAULT", "b")).isEqualTo("single");
        assertThat(value(file, "DEFAULT", "c")).isEqualTo("\"unbalanced'");
    }

    @Test
    void keepsEmptyValuesAndLetsTheLastAssignmentWin() {
        IniFile file = IniParser.parse("t", "[DEFAULT]\nflavor =\nbind_port = 1\nbind_port = 2\n");
        assertThat(value(file, "DEFAULT", "flavor")).isEmpty();
        assertThat(value(file, "DEFAULT", "bind_port")).isEqualTo("2");
    }

    @Test
    void lowerCasesSectionNamesExceptDefaultAndMergesRepeatedSections() {
        IniFile file =
                IniParser.parse("t", "[Database]\nconnection = a\n[DEFAULT]\nx = 1\n[database]\nmax_pool_size = 3\n");
        assertThat(file.sections()).containsOnlyKeys("database", "DEFAULT");
        assertThat(value(file, "database", "connection")).isEqualTo("a");
        assertThat(value(file, "database", "max_pool_size")).isEqualTo("3");
        assertThat(value(file, "DEFAULT", "x")).isEqualTo("1");
    }

    @Test
    void recordsTheLineOfEachOptionAndAcceptsWindowsLineEndsAndAByteOrderMark() {
        IniFile file = IniParser.parse("t", "\uFEFF[DEFAULT]\r\n\r\nbind_port = 1\r\n");
        assertThat(file.value("DEFAULT", "bind_port").orElseThrow().line()).isEqualTo(3);
        assertThat(value(file, "DEFAULT", "bind_port")).isEqualTo("1");
    }

    @Test
    void refusesAnOptionBeforeAnySection() {
        assertThatThrownBy(() -> IniParser.parse("glance-api.conf", "bind_port = 1\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("glance-api.conf:1: option 'bind_port' comes before any [section]");
    }

    @Test
    void refusesAContinuationWithNothingToContinue() {
        assertThatThrownBy(() -> IniParser.parse("f", "[DEFAULT]\n  stray\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("f:2: a continuation line");
    }

    @Test
    void refusesALineWithoutSeparatorAnEmptyKeyAndABrokenHeader() {
        assertThatThrownBy(() -> IniParser.parse("f", "[DEFAULT]\njust words\n"))
                .hasMessageContaining("f:2: expected 'key = value'");
        assertThatThrownBy(() -> IniParser.parse("f", "[DEFAULT]\n= 3\n"))
                .hasMessageContaining("f:2: an option with an empty name");
        assertThatThrownBy(() -> IniParser.parse("f", "[DEFAULT\n"))
                .hasMessageContaining("f:1: a section header must look like [name]");
        assertThatThrownBy(() -> IniParser.parse("f", "[]\n")).hasMessageContaining("f:1: a section header");
    }

    @Test
    void readsAFileAndNamesAMissingOne(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("glance-api.conf");
        Files.writeString(conf, "[DEFAULT]\nbind_port = 9494\n");
        assertThat(value(IniParser.parse(conf), "DEFAULT", "bind_port")).isEqualTo("9494");
        assertThat(IniParser.parse(conf).source()).isEqualTo(conf.toString());
        assertThatThrownBy(() -> IniParser.parse(dir.resolve("missing.conf")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "cannot read the configuration file: " + dir.resolve("missing.conf") + " does not exist");
    }
}
