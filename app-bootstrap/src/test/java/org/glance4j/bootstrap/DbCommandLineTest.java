package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.glance4j.bootstrap.cli.DbCommandLine;
import org.glance4j.bootstrap.cli.DbOptions;
import org.glance4j.bootstrap.cli.DeletedRows;
import org.glance4j.bootstrap.cli.UsageException;
import org.junit.jupiter.api.Test;

/** The command line of {@code db import-glance}. */
class DbCommandLineTest {

    @Test
    void importGlanceTakesFromDryRunAndTheServeOptions() {
        DbOptions options = DbCommandLine.parse(List.of("import-glance", "--from=sqlite:////g/glance.sqlite",
                "--dry-run", "--data-dir", "/d", "--config", "/c.conf"));
        assertThat(options.from()).contains("sqlite:////g/glance.sqlite");
        assertThat(options.dryRun()).isTrue();
        assertThat(options.dataDir()).isEqualTo(Path.of("/d"));
        assertThat(options.configFile()).contains(Path.of("/c.conf"));
        assertThat(DbCommandLine.parse(List.of("import-glance", "--from", "x://y")).dryRun()).isFalse();
    }

    @Test
    void importGlanceRefusesWhatItDoesNotTake() {
        assertThatThrownBy(() -> DbCommandLine.parse(List.of("import-glance")))
                .isInstanceOf(UsageException.class).hasMessageContaining("import-glance needs --from URL");
        assertThatThrownBy(() -> DbCommandLine.parse(List.of("import-glance", "--from")))
                .isInstanceOf(UsageException.class).hasMessageContaining("--from needs the URL");
        assertThatThrownBy(() -> DbCommandLine.parse(List.of("import-glance", "--from", "a", "folder")))
                .isInstanceOf(UsageException.class).hasMessageContaining("unexpected argument 'folder'");
        assertThatThrownBy(() -> DbCommandLine.parse(List.of("load-metadefs", "dir", "--dry-run")))
                .isInstanceOf(UsageException.class).hasMessageContaining("unknown option --dry-run");
        assertThatThrownBy(() -> DbCommandLine.parse(List.of("load-metadefs", "dir", "--from", "x")))
                .isInstanceOf(UsageException.class).hasMessageContaining("unknown option --from");
        assertThat(DbCommandLine.USAGE).contains("db import-glance --from URL");
    }

    @Test
    void deletedRowsAreSkippedUnlessCarriedAndChangedRecordsKeptUnlessReplaced() {
        DbOptions plain = DbCommandLine.parse(List.of("import-glance", "--from", "x://y"));
        assertThat(plain.deleted()).isEqualTo(DeletedRows.SKIP);
        assertThat(plain.replaceChanged()).isFalse();
        DbOptions asked = DbCommandLine.parse(List.of("import-glance", "--from", "x://y", "--deleted", "carry",
                "--replace-changed"));
        assertThat(asked.deleted()).isEqualTo(DeletedRows.CARRY);
        assertThat(asked.replaceChanged()).isTrue();
        assertThat(DbCommandLine.parse(List.of("import-glance", "--from", "x://y", "--deleted=skip")).deleted())
                .isEqualTo(DeletedRows.SKIP);
        assertThatThrownBy(() -> DbCommandLine.parse(List.of("import-glance", "--from", "x", "--deleted", "keep")))
                .isInstanceOf(UsageException.class).hasMessageContaining("--deleted takes skip or carry, not 'keep'");
        assertThatThrownBy(() -> DbCommandLine.parse(List.of("import-glance", "--from", "x", "--deleted")))
                .isInstanceOf(UsageException.class).hasMessageContaining("--deleted needs skip or carry");
        assertThatThrownBy(() -> DbCommandLine.parse(List.of("load-metadefs", "dir", "--replace-changed")))
                .isInstanceOf(UsageException.class).hasMessageContaining("unknown option --replace-changed");
        assertThat(DbCommandLine.USAGE).contains("--deleted skip|carry").contains("--replace-changed");
    }
}
