package org.glance4j.core.format;

import java.util.List;

/** The formats known by one small header at the start of the file: vhd, vdi and qed. */
final class SimpleHeaderProbes {
    private SimpleHeaderProbes() {}

    /**
     * Connectix/Microsoft VHD (QEMU's {@code vpc}): a copy of the 512-byte big-endian footer at the start, magic
     * {@code conectix}, the disk size at 40. No safety check applies.
     */
    static final class Vhd extends MagicHeaderProbe {
        Vhd() {
            super("vhd", ascii("conectix"), 512, "no VHD cookie");
        }

        @Override
        long virtualSize(long total) {
            return header.complete() ? header.u64be(40) : 0;
        }

        @Override
        void safetyChecks(List<String> problems) {
            // Glance has no meaningful safety check for VHD
        }
    }

    /** VirtualBox VDI: a 512-byte little-endian header, signature 0xbeda107f at 0x40, the disk size at 0x170. */
    static final class Vdi extends FormatProbe {
        private static final long SIGNATURE = 0xBEDA107FL;
        private final Region header = region(0, 512);

        @Override
        String name() {
            return "vdi";
        }

        @Override
        void examine() {
            if (header.filled() >= 0x44 && header.u32le(0x40) != SIGNATURE) {
                throw new NotThisFormatException("no VDI signature");
            }
        }

        @Override
        boolean matches(boolean ended) {
            return header.complete() && header.u32le(0x40) == SIGNATURE;
        }

        @Override
        long virtualSize(long total) {
            return header.u64le(0x170);
        }

        @Override
        void safetyChecks(List<String> problems) {
            // Glance has no meaningful safety check for VDI
        }
    }

    /** QEMU's QED: recognised (magic {@code QED\0}) only to be refused; nothing uses it any more. */
    static final class Qed extends MagicHeaderProbe {
        Qed() {
            super("qed", new byte[] {'Q', 'E', 'D', 0}, 512, "no QED magic");
        }

        @Override
        boolean matches(boolean ended) {
            return header.complete() && super.matches(ended);
        }

        @Override
        long virtualSize(long total) {
            return 0;
        }

        @Override
        void safetyChecks(List<String> problems) {
            problems.add(problem("banned", "This file format is not allowed"));
        }
    }
}
