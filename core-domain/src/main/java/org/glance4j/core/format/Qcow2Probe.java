package org.glance4j.core.format;

import java.util.List;

/**
 * QEMU's qcow2 (and the old qcow v1, refused): a big-endian header in the first 512 bytes. Magic {@code QFI\xfb}
 * at 0, version at 4, backing file offset at 8, virtual size at 24, and (version 3) the incompatible feature bits
 * at 72..79. Refused: a backing file, an external data file (feature bit 2), any feature bit glance does not know
 * (bits 4 and up), any version but 2 and 3.
 */
final class Qcow2Probe extends MagicHeaderProbe {
    private static final int FEATURES = 72;
    private static final int DATA_FILE_BIT = 0x04;
    private static final int KNOWN_BITS = 0x0F;

    Qcow2Probe() {
        super("qcow2", new byte[] {'Q', 'F', 'I', (byte) 0xFB}, 512, "no qcow2 magic");
    }

    /** Only with the whole header, which the safety checks read. */
    @Override
    boolean matches(boolean ended) {
        return header.complete() && super.matches(ended);
    }

    @Override
    long virtualSize(long total) {
        return header.u64be(24);
    }

    @Override
    void safetyChecks(List<String> problems) {
        if (header.u64be(8) != 0) {
            problems.add(problem("backing_file", "Image has a backing file"));
        }
        if ((header.u8(FEATURES + 7) & DATA_FILE_BIT) != 0) {
            problems.add(problem("data_file", "Image has data_file set"));
        }
        long version = header.u32be(4);
        if (version == 3) {
            boolean unknown = (header.u8(FEATURES + 7) & ~KNOWN_BITS) != 0;
            for (int k = 0; k < 7; k++) {
                unknown |= header.u8(FEATURES + k) != 0;
            }
            if (unknown) {
                problems.add(problem("unknown_features", "Unknown QCOW2 features found"));
            }
        } else if (version != 2) {
            problems.add(problem("unknown_features", "Unsupported qcow2 version " + version));
        }
    }
}
