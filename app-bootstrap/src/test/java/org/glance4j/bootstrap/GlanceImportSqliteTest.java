package org.glance4j.bootstrap;

import java.nio.file.Path;

/** {@code db import-glance} from a Glance database in a SQLite file, Glance's development default. */
class GlanceImportSqliteTest extends GlanceImportContract {

    @Override
    GlanceDb newGlanceDatabase(Path work) {
        Path file = work.resolve("glance.sqlite");
        return new GlanceDb("sqlite:///" + file, "jdbc:sqlite:" + file, null, null);
    }
}
