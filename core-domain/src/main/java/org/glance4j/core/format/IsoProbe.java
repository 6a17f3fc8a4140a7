package org.glance4j.core.format;

import java.util.List;

/**
 * ISO 9660 and UDF: the first 16 sectors of 2 KiB are free for boot code, the first volume descriptor sits at
 * 32 KiB. Its standard identifier (bytes 1..5) is {@code CD001}, {@code NSR02} or {@code NSR03}; a primary volume
 * descriptor (type 1) gives the size as the block count at 80 times the block size at 128 (little-endian halves).
 * No safety check applies.
 */
final class IsoProbe extends WholeRegionProbe {
    static final int DESCRIPTOR_OFFSET = 32 * 1024;
    private static final List<byte[]> IDENTIFIERS = List.of(ascii("CD001"), ascii("NSR02"), ascii("NSR03"));

    private final Region descriptor = region;

    IsoProbe() {
        super("iso", DESCRIPTOR_OFFSET, 2048, "no ISO 9660 or UDF identifier");
    }

    @Override
    boolean recognised() {
        for (byte[] identifier : IDENTIFIERS) {
            if (descriptor.matchesAt(1, identifier)) {
                return true;
            }
        }
        return false;
    }

    @Override
    long virtualSize(long total) {
        if (descriptor.u8(0) != 1) {
            return 0;
        }
        return descriptor.u32le(80) * descriptor.u16le(128);
    }

    @Override
    void safetyChecks(List<String> problems) {
        // Glance has no meaningful safety check for ISO
    }
}
