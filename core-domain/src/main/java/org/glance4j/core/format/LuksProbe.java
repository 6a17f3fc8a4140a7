package org.glance4j.core.format;

import java.util.List;

/**
 * LUKS version 1 (what QEMU writes): a big-endian header, magic {@code LUKS\xba\xbe}, version at 6, the payload
 * offset in 512-byte sectors at 104; 592 bytes with the eight key slots. The virtual size is what follows the
 * header, so it is known once the stream ended. Refused: any version but 1. Glance only looks inside with a
 * passphrase, which an upload never carries, so the encrypted content is not inspected.
 */
final class LuksProbe extends MagicHeaderProbe {
    private static final int PAYLOAD_OFFSET = 104;

    LuksProbe() {
        super("luks", new byte[] {'L', 'U', 'K', 'S', (byte) 0xBA, (byte) 0xBE}, 592, "no LUKS magic");
    }

    @Override
    long virtualSize(long total) {
        return total - header.u32be(PAYLOAD_OFFSET) * 512;
    }

    @Override
    void safetyChecks(List<String> problems) {
        int version = header.u16be(6);
        if (version != 1) {
            problems.add(problem("version", "LUKS version " + version + " is not supported"));
        }
    }
}
