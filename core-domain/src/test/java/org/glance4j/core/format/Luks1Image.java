package org.glance4j.core.format;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A LUKS version 1 image laid out as {@code qemu-img create -f luks} lays it out (aes-xts-plain64 with a 64-byte
 * key, sha256, eight key slots of 4000 stripes, each slot and the payload aligned to 4 KiB), written without
 * deriving any key. The key material and payload are left as holes: inspection and {@code qemu-img info} read
 * only the header.
 */
final class Luks1Image {
    static final int SECTOR = 512;
    static final int KEY_BYTES = 64;
    static final int STRIPES = 4000;
    static final int SLOTS = 8;
    private static final int ALIGN_SECTORS = 4096 / SECTOR;
    private static final int ENABLED = 0x00AC71F3;
    private static final int DISABLED = 0x0000DEAD;

    private Luks1Image() {}

    /** The sector where the encrypted payload starts: after the header and eight aligned key-material areas. */
    static int payloadOffsetSectors() {
        int slotSectors = align((KEY_BYTES * STRIPES + SECTOR - 1) / SECTOR);
        return ALIGN_SECTORS + SLOTS * slotSectors;
    }

    /** Writes the image with a payload of {@code payloadBytes} to {@code file}; returns it. */
    static Path write(Path file, long payloadBytes) {
        ByteBuffer b = ByteBuffer.allocate(592).order(ByteOrder.BIG_ENDIAN);
        b.put(new byte[] {'L', 'U', 'K', 'S', (byte) 0xBA, (byte) 0xBE}).putShort((short) 1);
        b.put(8, ascii("aes")).put(40, ascii("xts-plain64")).put(72, ascii("sha256"));
        b.putInt(104, payloadOffsetSectors()).putInt(108, KEY_BYTES);
        b.put(112, filler(20, 1)).put(132, filler(32, 2)).putInt(164, 1000);
        b.put(168, ascii("0b6a3f4e-6f1c-4c7b-9a55-3d2b7c1e8f90"));
        int slotSectors = align((KEY_BYTES * STRIPES + SECTOR - 1) / SECTOR);
        for (int slot = 0; slot < SLOTS; slot++) {
            int at = 208 + 48 * slot;
            b.putInt(at, slot == 0 ? ENABLED : DISABLED).putInt(at + 4, slot == 0 ? 1000 : 0);
            if (slot == 0) {
                b.put(at + 8, filler(32, 3));
            }
            b.putInt(at + 40, ALIGN_SECTORS + slot * slotSectors).putInt(at + 44, STRIPES);
        }
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.write(b.array());
            out.setLength((long) payloadOffsetSectors() * SECTOR + payloadBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static int align(int sectors) {
        return (sectors + ALIGN_SECTORS - 1) / ALIGN_SECTORS * ALIGN_SECTORS;
    }

    private static byte[] filler(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 31 + i * 7);
        }
        return bytes;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
