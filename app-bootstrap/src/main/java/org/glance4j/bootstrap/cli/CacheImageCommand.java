package org.glance4j.bootstrap.cli;

import java.util.function.ToIntFunction;
import picocli.CommandLine.Parameters;

/** A {@code glance4j cache} command about one image: {@code queue IMAGE_ID}, {@code delete IMAGE_ID}. */
public abstract class CacheImageCommand extends CacheSubcommand {

    @Parameters(paramLabel = "IMAGE_ID", description = "The id of the image.")
    String imageId;

    /** A command that hands its options to {@code action}, which returns the exit status. */
    protected CacheImageCommand(ToIntFunction<CacheOptions> action) {
        super(action);
    }

    @Override
    protected String argument() {
        return imageId;
    }
}
