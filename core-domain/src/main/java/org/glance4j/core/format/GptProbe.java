package org.glance4j.core.format;

import java.util.ArrayList;
import java.util.List;

/**
 * A partitioned disk: an MBR (signature 0xaa55 at 510) or the protective MBR in front of a GPT. A FAT boot
 * sector looks the same and is told apart by its two FATs and its fixed-disk media byte. The safety check
 * {@code mbr} is Glance's: every partition entry has a boot flag of 0x00 or 0x80; a protective entry (type 0xee)
 * starts at CHS 0/2/0 and LBA 1 and is the only entry, in the first slot; at least one entry is used. The virtual
 * size of a partitioned disk is its size.
 */
final class GptProbe extends WholeRegionProbe {
    private static final int SIGNATURE = 0xAA55;
    private static final int ENTRIES = 446;
    private static final int PROTECTIVE = 0xEE;
    private static final int FIXED_DISK = 0xF8;

    private final Region mbr = region;

    GptProbe() {
        super("gpt", 0, 512, "no MBR signature");
    }

    @Override
    boolean recognised() {
        boolean fat = mbr.u8(0x10) == 2 && mbr.u8(0x15) == FIXED_DISK;
        return mbr.u16le(510) == SIGNATURE && !fat;
    }

    @Override
    long virtualSize(long total) {
        return total;
    }

    @Override
    void safetyChecks(List<String> problems) {
        String failure = mbrFailure();
        if (failure != null) {
            problems.add(problem("mbr", failure));
        }
    }

    private String mbrFailure() {
        List<Integer> used = new ArrayList<>();
        boolean gpt = false;
        for (int i = 0; i < 4; i++) {
            int entry = ENTRIES + 16 * i;
            int boot = mbr.u8(entry);
            if (boot != 0x00 && boot != 0x80) {
                return "MBR PTE " + i + " has invalid boot flag";
            }
            int type = mbr.u8(entry + 4);
            if (type != 0) {
                used.add(i);
            }
            if (type == PROTECTIVE) {
                gpt = true;
                if (mbr.u8(entry + 1) != 0x00 || mbr.u8(entry + 2) != 0x02 || mbr.u8(entry + 3) != 0x00) {
                    return "GPT MBR has invalid start CHS";
                }
                if (mbr.u32le(entry + 8) != 1) {
                    return "GPT MBR has invalid start LBA";
                }
            }
        }
        if (gpt && !used.equals(List.of(0))) {
            return "GPT MBR defines invalid extra partitions";
        }
        if (used.isEmpty()) {
            return "GPT MBR has no partitions defined";
        }
        return null;
    }
}
