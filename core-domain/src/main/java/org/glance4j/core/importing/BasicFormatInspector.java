package org.glance4j.core.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.glance4j.ports.error.GlanceException;

/**
 * A small inspector of disk image headers: recognises qcow2, vmdk, vhd, vhdx and vdi by their magic numbers
 * (anything else counts as raw), refuses a qcow2 with a backing file or an external data file, refuses content
 * that is not the declared format (qcow2 bytes declared raw, raw bytes declared qcow2), and reads the virtual
 * size of raw and qcow2. Formats it cannot recognise (iso, ami, ...) are accepted as declared.
 */
public final class BasicFormatInspector implements StagedImageInspector {

    private static final int HEADER = 512;
    /** Declared formats whose content this inspector recognises, so that a mismatch can be told. */
    private static final Set<String> CHECKED = Set.of("raw", "qcow2", "vmdk", "vhd", "vhdx", "vdi");

    @Override
    public Inspection inspect(Path file, String declaredDiskFormat) {
        byte[] head;
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEADER);
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer header = ByteBuffer.wrap(head);
        String format = detect(header);
        Long virtualSize = null;
        if (format.equals("qcow2")) {
            virtualSize = checkQcow2(header);
        } else if (format.equals("raw")) {
            virtualSize = size > 0 ? size : null;
        }
        if (declaredDiskFormat != null && CHECKED.contains(declaredDiskFormat)
                && !declaredDiskFormat.equals(format)) {
            throw GlanceException.invalid("Image content does not match disk_format " + declaredDiskFormat
                    + ": it was detected as " + format);
        }
        return new Inspection(format, virtualSize);
    }

    static String detect(ByteBuffer h) {
        if (startsWith(h, 0, "QFI\u00fb")) {
            return "qcow2";
        }
        if (startsWith(h, 0, "KDMV")) {
            return "vmdk";
        }
        if (startsWith(h, 0, "conectix")) {
            return "vhd";
        }
        if (startsWith(h, 0, "vhdxfile")) {
            return "vhdx";
        }
        if (h.limit() >= 0x44 && h.getInt(0x40) == 0x7f10dabe) {
            return "vdi";
        }
        return "raw";
    }

    /** Checks a qcow2 header and returns its virtual size. */
    private static Long checkQcow2(ByteBuffer h) {
        if (h.limit() < 32) {
            throw GlanceException.invalid("Image content is a truncated qcow2 header");
        }
        int version = h.getInt(4);
        long backingOffset = h.getLong(8);
        if (backingOffset != 0) {
            throw GlanceException.invalid("QCOW images with backing files are not allowed");
        }
        if (version >= 3 && h.limit() >= 80) {
            long incompatible = h.getLong(72);
            if ((incompatible & 0x4) != 0) {
                throw GlanceException.invalid("QCOW images with data-file set are not allowed");
            }
        }
        return h.getLong(24);
    }

    private static boolean startsWith(ByteBuffer h, int offset, String magic) {
        if (h.limit() < offset + magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if ((h.get(offset + i) & 0xff) != magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
