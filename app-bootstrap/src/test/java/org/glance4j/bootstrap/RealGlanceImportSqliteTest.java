package org.glance4j.bootstrap;

import java.nio.file.Path;

/** Real Glance on a SQLite file (Glance's development default), then glance4j on what it imported. */
class RealGlanceImportSqliteTest extends RealGlanceImportContract {

    @Override
    String newGlanceDatabase(Path work) {
        return "sqlite:///" + work.resolve("glance.sqlite").toAbsolutePath();
    }
}
