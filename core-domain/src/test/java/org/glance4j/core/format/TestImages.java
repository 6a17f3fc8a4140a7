package org.glance4j.core.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Disk image headers built byte by byte, after the formats' specifications. */
public final class TestImages {
    private TestImages() {}

    /** A qcow2 header (in 1 KiB) with the given fields; version 3 unless said otherwise. */
    public static byte[] qcow2(long virtualSize, int version, long backingFileOffset, long incompatibleFeatures) {
        ByteBuffer b = ByteBuffer.allocate(1024).order(ByteOrder.BIG_ENDIAN);
        b.put(new byte[] {'Q', 'F', 'I', (byte) 0xFB}).putInt(version).putLong(backingFileOffset);
        b.putInt(20, backingFileOffset == 0 ? 0 : 9).putInt(20, 16).putLong(24, virtualSize);
        b.putLong(72, incompatibleFeatures);
        b.putInt(100, 104);
        return b.array();
    }

    public static byte[] qcow2(long virtualSize) {
        return qcow2(virtualSize, 3, 0, 0);
    }

    public static byte[] vhd(long size) {
        ByteBuffer b = ByteBuffer.allocate(1024).order(ByteOrder.BIG_ENDIAN);
        b.put(ascii("conectix")).putLong(40, size).putLong(48, size);
        return b.array();
    }

    public static byte[] vdi(long size) {
        ByteBuffer b = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("<<< Oracle VM VirtualBox Disk Image >>>\n"));
        b.putInt(0x40, 0xBEDA107F).putLong(0x170, size);
        return b.array();
    }

    /** An ISO 9660 image: 16 empty sectors, a primary volume descriptor, a terminator. */
    public static byte[] iso(int blocks, int blockSize) {
        ByteBuffer b = ByteBuffer.allocate(32768 + 4096).order(ByteOrder.LITTLE_ENDIAN);
        b.put(32768, (byte) 1).put(32769, ascii("CD001")).put(32774, (byte) 1);
        b.putInt(32768 + 80, blocks).order(ByteOrder.BIG_ENDIAN).putInt(32768 + 84, blocks);
        b.order(ByteOrder.LITTLE_ENDIAN).putShort(32768 + 128, (short) blockSize);
        b.order(ByteOrder.BIG_ENDIAN).putShort(32768 + 130, (short) blockSize);
        b.put(34816, (byte) 0xFF).put(34817, ascii("CD001")).put(34822, (byte) 1);
        return b.array();
    }

    /** A 4 KiB disk whose MBR holds the given 16-byte partition entries (up to four). */
    public static byte[] mbr(byte[]... entries) {
        byte[] disk = new byte[4096];
        for (int i = 0; i < entries.length; i++) {
            System.arraycopy(entries[i], 0, disk, 446 + 16 * i, 16);
        }
        disk[510] = 0x55;
        disk[511] = (byte) 0xAA;
        return disk;
    }

    /** One MBR partition entry. */
    public static byte[] partition(
            int boot, int startHead, int startSector, int startCylinder, int type, long startLba, long sizeLba) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) boot)
                .put((byte) startHead)
                .put((byte) startSector)
                .put((byte) startCylinder)
                .put((byte) type);
        b.put((byte) 0xFF)
                .put((byte) 0xFF)
                .put((byte) 0xFF)
                .putInt((int) startLba)
                .putInt((int) sizeLba);
        return b.array();
    }

    /** The protective entry of a GPT disk. */
    public static byte[] protectivePartition() {
        return partition(0, 0, 2, 0, 0xEE, 1, 0xFFFFFFFFL);
    }

    public static byte[] gpt() {
        byte[] disk = mbr(protectivePartition());
        System.arraycopy(ascii("EFI PART"), 0, disk, 512, 8);
        return disk;
    }

    /** A LUKS header (592 bytes, padded to the payload) followed by {@code payload} bytes. */
    public static byte[] luks(int version, int payloadSectors, int payload) {
        ByteBuffer b = ByteBuffer.allocate(payloadSectors * 512 + payload).order(ByteOrder.BIG_ENDIAN);
        b.put(new byte[] {'L', 'U', 'K', 'S', (byte) 0xBA, (byte) 0xBE}).putShort((short) version);
        b.put(8, ascii("aes")).put(40, ascii("xts-plain64")).put(72, ascii("sha256"));
        b.putInt(104, payloadSectors).putInt(108, 64);
        return b.array();
    }

    /** A monolithicSparse-style VMDK: a KDMV header, then the descriptor at sector 1, padded with zeros. */
    public static byte[] vmdk(long sectors, String descriptor, boolean grainDirectoryAtEnd) {
        byte[] text = descriptor.getBytes(StandardCharsets.US_ASCII);
        int descriptorSectors = Math.max(1, (text.length + 511) / 512);
        ByteBuffer b = ByteBuffer.allocate(512 + descriptorSectors * 512 + 4096).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("KDMV"))
                .putInt(1)
                .putInt(3)
                .putLong(sectors)
                .putLong(128)
                .putLong(1)
                .putLong(descriptorSectors)
                .putInt(512)
                .putLong(0)
                .putLong(grainDirectoryAtEnd ? -1L : 21);
        b.put(512, text);
        return b.array();
    }

    public static String descriptor(String createType, String extent) {
        return "# Disk DescriptorFile\nversion=1\nCID=12345678\nparentCID=ffffffff\ncreateType=\"" + createType
                + "\"\n\n# Extent description\n" + extent + "\n\n# The Disk Data Base\n#DDB\n\n"
                + "ddb.adapterType = \"ide\"\n";
    }

    /** A VHDX image: identifier, region table at 192 KiB naming a metadata region at 256 KiB with the size item. */
    public static byte[] vhdx(long size) {
        ByteBuffer b = ByteBuffer.allocate(384 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("vhdxfile"));
        int table = 192 * 1024;
        b.put(table, ascii("regi")).putInt(table + 8, 2);
        b.put(table + 16, guid("2DC27766F62342009D64115E9BFD4A08")).putLong(table + 32, 1 << 20);
        b.put(table + 48, guid("8B7CA20647904B9AB8FE575F050F886E"))
                .putLong(table + 64, 256 * 1024)
                .putInt(table + 72, 64 * 1024);
        int meta = 256 * 1024;
        b.put(meta, ascii("metadata")).putShort(meta + 10, (short) 2);
        b.put(meta + 32, guid("CAA16737FA364D43B3B633F0AA44E76B"))
                .putInt(meta + 48, 0x10000)
                .putInt(meta + 52, 8);
        b.put(meta + 64, guid("2FA54224CD1B4876B2115DBED83BF4B8"))
                .putInt(meta + 80, 0x10008)
                .putInt(meta + 84, 8);
        b.putLong(meta + 0x10008, size);
        return b.array();
    }

    /** A GUID written as 32 hex digits, in its mixed-endian on-disk order. */
    static byte[] guid(String hex) {
        byte[] big = java.util.HexFormat.of().parseHex(hex);
        byte[] out = big.clone();
        for (int k = 0; k < 4; k++) {
            out[k] = big[3 - k];
        }
        out[4] = big[5];
        out[5] = big[4];
        out[6] = big[7];
        out[7] = big[6];
        return out;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The arrays one after another. */
    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer b = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            b.put(part);
        }
        return b.array();
    }
}
