package org.glance4j.core.format;

/**
 * A format told by one region read whole (the MBR, the first volume descriptor): nothing is said before the region
 * is complete, and the format is ruled out once it is complete and not recognised.
 */
abstract class WholeRegionProbe extends FormatProbe {
    private final String name;
    private final String notRecognised;

    /** The region that decides. */
    final Region region;

    /**
     * @param name          Glance's {@code disk_format} name
     * @param notRecognised why the format is ruled out when the complete region is not recognised
     */
    WholeRegionProbe(String name, long offset, int length, String notRecognised) {
        this.name = name;
        this.notRecognised = notRecognised;
        this.region = region(offset, length);
    }

    /** Whether the complete region holds this format. */
    abstract boolean recognised();

    @Override
    final String name() {
        return name;
    }

    @Override
    final void examine() {
        if (region.complete() && !recognised()) {
            throw new NotThisFormatException(notRecognised);
        }
    }

    @Override
    final boolean matches(boolean ended) {
        return region.complete() && recognised();
    }
}
