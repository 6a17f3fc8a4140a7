package org.glance4j.core.format;

import java.util.List;

/**
 * Microsoft VHDX, little-endian: the identifier {@code vhdxfile} at 0; the region table at 192 KiB (signature
 * {@code regi}, entry count at 8, 32-byte entries from 16, fewer than 2048) names the offset of the metadata
 * region; that region (signature {@code metadata}, entry count at 10, 32-byte entries from 32) names, relative to
 * itself, where the "virtual disk size" item sits, a little-endian 64-bit number. At most 64 KiB of each table is
 * held. No safety check applies.
 */
final class VhdxProbe extends FormatProbe {
    private static final byte[] MAGIC = ascii("vhdxfile");
    private static final long REGION_TABLE = 192 * 1024;
    private static final int TABLE_BYTES = 64 * 1024;
    private static final int MAX_ENTRIES = 2047;
    private static final long REGION_SIGNATURE = 0x69676572L;
    private static final byte[] METADATA_SIGNATURE = ascii("metadata");
    /** GUID 8B7CA206-4790-4B9A-B8FE-575F050F886E in its on-disk byte order. */
    private static final byte[] METADATA_REGION = guid(0x8B7CA206L, 0x4790, 0x4B9A, 0xB8FE, 0x575F050F886EL);
    /** GUID 2FA54224-CD1B-4876-B211-5DBED83BF4B8 in its on-disk byte order. */
    private static final byte[] VIRTUAL_DISK_SIZE = guid(0x2FA54224L, 0xCD1B, 0x4876, 0xB211, 0x5DBED83BF4B8L);

    private final Region ident = region(0, 32);
    private final Region regionTable = region(REGION_TABLE, TABLE_BYTES);
    private Region metadata;
    private Region diskSize;
    private boolean metadataSearched;

    @Override
    String name() {
        return "vhdx";
    }

    @Override
    void examine() {
        if (ident.filled() >= MAGIC.length && !ident.startsWith(MAGIC)) {
            throw new NotThisFormatException("no VHDX identifier");
        }
        if (regionTable.complete() && !metadataSearched) {
            metadataSearched = true;
            findMetadataRegion();
        } else if (metadata != null && diskSize == null) {
            findDiskSizeItem();
        }
    }

    private void findMetadataRegion() {
        if (regionTable.u32le(0) != REGION_SIGNATURE) {
            throw new NotThisFormatException("VHDX region signature not found");
        }
        long count = regionTable.u32le(8);
        if (count > MAX_ENTRIES) {
            throw new NotThisFormatException("VHDX region count is " + count + " (limit 2047)");
        }
        for (int i = 0; i < count; i++) {
            int entry = 16 + 32 * i;
            if (regionTable.matchesAt(entry, METADATA_REGION)) {
                long offset = regionTable.u64le(entry + 16);
                if (offset < 0 || offset > Long.MAX_VALUE - 2 * TABLE_BYTES) {
                    throw new NotThisFormatException("VHDX metadata offset out of range");
                }
                metadata = region(offset, TABLE_BYTES);
                return;
            }
        }
    }

    private void findDiskSizeItem() {
        if (metadata.filled() < 32) {
            return;
        }
        if (!metadata.startsWith(METADATA_SIGNATURE)) {
            throw new NotThisFormatException("Invalid signature for VHDX metadata region");
        }
        int count = metadata.u16le(10);
        if (metadata.filled() < 32 + 32 * count) {
            return; // with more than 2047 items never true: no size, as in Glance
        }
        for (int i = 0; i < count; i++) {
            int entry = 32 + 32 * i;
            if (metadata.matchesAt(entry, VIRTUAL_DISK_SIZE)) {
                long itemOffset = metadata.u32le(entry + 16);
                metadata.stopHere();
                diskSize = region(metadata.offset() + itemOffset, 8);
                diskSize.offerFrom(metadata);
                return;
            }
        }
    }

    @Override
    boolean matches(boolean ended) {
        return ident.startsWith(MAGIC);
    }

    @Override
    long virtualSize(long total) {
        return diskSize != null && diskSize.complete() ? diskSize.u64le(0) : 0;
    }

    @Override
    void safetyChecks(List<String> problems) {
        // Glance has no meaningful safety check for VHDX
    }

    private static byte[] guid(long a, int b, int c, int d, long e) {
        byte[] out = new byte[16];
        for (int k = 0; k < 4; k++) {
            out[k] = (byte) (a >>> (8 * k));
        }
        out[4] = (byte) b;
        out[5] = (byte) (b >>> 8);
        out[6] = (byte) c;
        out[7] = (byte) (c >>> 8);
        out[8] = (byte) (d >>> 8);
        out[9] = (byte) d;
        for (int k = 0; k < 6; k++) {
            out[10 + k] = (byte) (e >>> (8 * (5 - k)));
        }
        return out;
    }
}
