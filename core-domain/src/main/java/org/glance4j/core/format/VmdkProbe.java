package org.glance4j.core.format;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * VMware VMDK, as Glance accepts it: one file with a sparse extent header (magic {@code KDMV}, little-endian,
 * versions 1 to 3) and its text descriptor at sector 1, of createType {@code monolithicSparse} or
 * {@code streamOptimized}. A file that is all text is read as a bare descriptor (what {@code monolithicFlat} and
 * the split types write beside their extents) so that it is recognised, and refused.
 *
 * <p>The descriptor is parsed cautiously, as Glance does: every line is a comment, a {@code ddb} line, a
 * {@code key=value} header or an extent line starting with an access mode, else it is refused; an extent whose
 * file name holds a {@code /} is refused (it points outside the image); a descriptor without extents is refused.
 * When the header says the grain directory sits at the end (streamOptimized), the footer, which would take
 * precedence, must repeat the header and be followed by a valid end-of-stream marker.
 */
final class VmdkProbe extends FormatProbe {
    static final int DESCRIPTOR_MAX = (1 << 20) - 1;
    static final int FOOTER_BYTES = 1536;
    private static final byte[] MAGIC = ascii("KDMV");
    private static final int SPARSE_HEADER = 64;
    private static final long DESCRIPTOR_OFFSET = 0x200;
    private static final long GD_AT_END = 0xFFFFFFFFFFFFFFFFL;
    private static final String NOT_FOUND = "formatnotfound";
    private static final int MARKER_EOS = 0;
    private static final int MARKER_FOOTER = 3;

    private Region header = region(0, 512);
    private Region descriptor;
    private boolean textOnly;
    private boolean decided;
    private boolean parsed;
    private String descriptorText;
    private String createType = NOT_FOUND;
    private String createTypeAsWritten;
    private boolean footer;

    @Override
    String name() {
        return "vmdk";
    }

    @Override
    String subformat() {
        return createTypeAsWritten;
    }

    @Override
    void examine() {
        if (!decided) {
            decideLayout(false);
        }
        if (descriptor != null && !parsed && descriptor.complete()) {
            parseDescriptor();
        }
    }

    @Override
    void end(long total) {
        if (!decided) {
            decideLayout(true);
        }
        if (textOnly && !parsed && descriptor != null && descriptor.filled() >= 4) {
            parseDescriptor();
        }
    }

    /** Sparse header, or a bare text descriptor, or not VMDK at all. */
    private void decideLayout(boolean atEnd) {
        if (header.filled() >= SPARSE_HEADER && header.startsWith(MAGIC)) {
            decided = true;
            readSparseHeader();
            return;
        }
        if (header.filled() >= MAGIC.length && !header.startsWith(MAGIC) && !isText(header)) {
            throw new NotThisFormatException("Signature KDMV not found");
        }
        if (!header.complete() && !(atEnd && header.filled() >= SPARSE_HEADER)) {
            return;
        }
        decided = true;
        textOnly = true;
        descriptor = region(0, DESCRIPTOR_MAX);
        descriptor.offerFrom(header);
        drop(header);
        header = null;
    }

    private void readSparseHeader() {
        long version = header.u32le(4);
        if (version < 1 || version > 3) {
            throw new NotThisFormatException("Unsupported VMDK format version " + version);
        }
        long descriptorSector = header.u64le(28);
        long descriptorSectors = header.u64le(36);
        long gdOffset = header.u64le(56);
        if (gdOffset == GD_AT_END) {
            footer = true;
            // the footer is the stream's last bytes, which in a short (cut) image reach back into this header:
            // the tail starts with what the header holds, whatever size the reads that brought it had
            tail(FOOTER_BYTES).offer(header.slice(0, header.filled()), 0, header.filled(), header.offset());
        }
        if (descriptorSector != 1) {
            throw new NotThisFormatException("Wrong descriptor location");
        }
        long size = descriptorSectors < 0 || descriptorSectors > DESCRIPTOR_MAX / 512 + 1
                ? DESCRIPTOR_MAX
                : Math.min(descriptorSectors * 512, DESCRIPTOR_MAX);
        descriptor = region(DESCRIPTOR_OFFSET, (int) size);
        descriptor.offerFrom(header);
    }

    private void parseDescriptor() {
        parsed = true;
        int length = descriptor.filled();
        byte[] raw = length == 0 ? new byte[0] : descriptor.slice(0, length);
        int end = 0;
        while (end < raw.length && raw[end] != 0) {
            end++;
        }
        for (int k = 0; k < end; k++) {
            if (raw[k] < 0) {
                return; // not ASCII: Glance keeps no descriptor
            }
        }
        String asWritten = new String(raw, 0, end, StandardCharsets.US_ASCII);
        String text = asWritten.toLowerCase(Locale.ROOT);
        descriptorText = text;
        String key = "createtype=\"";
        int start = text.indexOf(key);
        if (start < 0) {
            return;
        }
        start += key.length();
        int stop = text.indexOf('"', start);
        if (stop < 0) {
            // Glance slices up to its find() result, -1: the text but its last character
            stop = Math.max(start, text.length() - 1);
        }
        if (stop - start < 64) {
            createType = text.substring(start, stop);
            createTypeAsWritten = asWritten.substring(start, stop);
        }
    }

    @Override
    boolean complete(long total) {
        if (textOnly) {
            return parsed || (descriptor != null && descriptor.complete());
        }
        // like Glance's header region (min_length 64): the sparse header counts as read after its first 64 bytes
        return decided
                && header.filled() >= SPARSE_HEADER
                && (descriptor == null || descriptor.complete())
                && (tail() == null || tail().complete(total));
    }

    @Override
    boolean matches(boolean ended) {
        if (header != null) {
            return header.startsWith(MAGIC);
        }
        return parsed && !NOT_FOUND.equals(createType);
    }

    @Override
    long virtualSize(long total) {
        if (descriptorText == null || header == null || !isSparseType()) {
            return 0;
        }
        long sectors = header.u64le(12);
        return sectors < 0 || sectors > Long.MAX_VALUE / 512 ? 0 : sectors * 512;
    }

    private boolean isSparseType() {
        return createType.equals("monolithicsparse") || createType.equals("streamoptimized");
    }

    @Override
    void safetyChecks(List<String> problems) {
        String failure = descriptorFailure();
        if (failure != null) {
            problems.add(problem("descriptor", failure));
        }
        if (footer) {
            String footerFailure = footerFailure();
            if (footerFailure != null) {
                problems.add(problem("footer", footerFailure));
            }
        }
    }

    private String descriptorFailure() {
        if (descriptorText == null || descriptorText.isEmpty()) {
            return "No descriptor found";
        }
        if (!isSparseType()) {
            return "Unsupported subformat "
                    + (createTypeAsWritten == null || createTypeAsWritten.isEmpty()
                            ? "(no createType)"
                            : createTypeAsWritten)
                    + "; only monolithicSparse and streamOptimized are accepted";
        }
        if (textOnly) {
            // stricter than Glance, which lets a bare descriptor of a sparse type through when its extent names
            // hold no '/': without the sparse header in this file, every extent is another file
            return "A VMDK descriptor without its sparse extent names extents outside the image";
        }
        int extents = 0;
        for (String rawLine : descriptorText.split("\n", -1)) {
            String line = rawLine.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("ddb")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals >= 0 && line.substring(0, equals).indexOf(' ') < 0) {
                continue;
            }
            String access = line.split(" ", 2)[0];
            if (access.equals("rw") || access.equals("rdonly") || access.equals("noaccess")) {
                if (line.indexOf('/') >= 0) {
                    return "Invalid extent filenames found: an extent names a file outside the image";
                }
                extents++;
                continue;
            }
            return "Invalid VMDK descriptor data";
        }
        return extents == 0 ? "No extents found" : null;
    }

    private String footerFailure() {
        Region tail = tail().asRegion();
        if (!tail.matchesAt(512, MAGIC)) {
            return "Header and footer signature do not match";
        }
        if (tail.u32le(512 + 4) != header.u32le(4)) {
            return "Header and footer versions do not match";
        }
        if (tail.u64le(512 + 28) != header.u64le(28) || tail.u64le(512 + 36) != header.u64le(36)) {
            return "Footer specifies a different descriptor than header";
        }
        if (tail.u64le(512 + 56) == GD_AT_END) {
            return "Footer indicates another footer";
        }
        if (!isMarker(tail, 0, MARKER_FOOTER, false)) {
            return "Footer marker is invalid";
        }
        if (!isMarker(tail, 1024, MARKER_EOS, true)) {
            return "End-of-stream marker is invalid";
        }
        return null;
    }

    /** A 512-byte marker: value (zero when required), size 0, the type, then 496 zero bytes. */
    private static boolean isMarker(Region tail, int at, int type, boolean zeroValue) {
        if ((zeroValue && tail.u64le(at) != 0) || tail.u32le(at + 8) != 0 || tail.u32le(at + 12) != type) {
            return false;
        }
        for (int k = 16; k < 512; k++) {
            if (tail.u8(at + k) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Glance reads a header of printable ASCII and white space as the start of a bare descriptor. */
    private static boolean isText(Region region) {
        for (int k = 0; k < region.filled(); k++) {
            int c = region.u8(k);
            boolean printable = c >= 0x20 && c < 0x7F;
            boolean space = c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || (c >= 0x1C && c <= 0x1F);
            if (!printable && !space) {
                return false;
            }
        }
        return true;
    }
}
