package org.glance4j.core.format;

/**
 * A format whose header starts the file with a magic: ruled out as soon as the stream's first bytes differ from it,
 * recognised when they are it.
 */
abstract class MagicHeaderProbe extends FormatProbe {
    private final String name;
    private final byte[] magic;
    private final String noMagic;

    /** The header, from offset 0. */
    final Region header;

    /**
     * @param name         Glance's {@code disk_format} name
     * @param headerLength how many bytes of the header the probe reads
     * @param noMagic      why the format is ruled out when the magic is missing
     */
    MagicHeaderProbe(String name, byte[] magic, int headerLength, String noMagic) {
        this.name = name;
        this.magic = magic.clone();
        this.noMagic = noMagic;
        this.header = region(0, headerLength);
    }

    @Override
    final String name() {
        return name;
    }

    @Override
    final void examine() {
        if (header.filled() >= magic.length && !header.startsWith(magic)) {
            throw new NotThisFormatException(noMagic);
        }
    }

    /** Whether the header starts with the magic; a probe that needs the whole header first says so. */
    @Override
    boolean matches(boolean ended) {
        return header.startsWith(magic);
    }
}
