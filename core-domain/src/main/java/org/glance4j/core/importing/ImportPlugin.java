package org.glance4j.core.importing;

import java.io.IOException;
import org.glance4j.ports.error.GlanceException;

/**
 * One step of Glance's {@code image_import_plugins}, run on the staged data before it goes to the stores.
 * A failure (any exception; a {@link GlanceException}'s message is shown as the reason) fails the import.
 */
interface ImportPlugin {

    /** The plugin's name in {@code image_import_plugins}. */
    String name();

    void apply(ImportWork work) throws IOException, InterruptedException;
}
