package org.glance4j.core.importing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.importing.StagingArea;

/**
 * {@code image_decompression}: staged data that starts with the gzip or zip magic number is replaced by its
 * decompressed content (a zip must hold exactly one file), unless the image's container format is
 * {@code compressed}. The decompressed size is capped by {@code image_size_cap}, so a small bomb cannot fill the
 * disk.
 */
final class DecompressionPlugin implements ImportPlugin {

    private final StagingArea staging;
    private final long cap;

    DecompressionPlugin(StagingArea staging, long cap) {
        this.staging = staging;
        this.cap = cap;
    }

    @Override
    public String name() {
        return "image_decompression";
    }

    @Override
    public void apply(ImportWork work) throws IOException {
        if ("compressed".equals(work.containerFormat)) {
            return;
        }
        byte[] head = head(work.imageId);
        boolean gzip = head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
        boolean zip = head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        if (!gzip && !zip) {
            return;
        }
        try (InputStream raw =
                new BufferedInputStream(Channels.newInputStream(StagedData.open(staging, work.imageId)))) {
            if (gzip) {
                staging.replace(work.imageId, new CappedInputStream(new GZIPInputStream(raw), cap));
            } else {
                unzipSingle(work.imageId, raw);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof GlanceException g) {
                throw g;
            }
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            String why = cause instanceof java.util.zip.ZipException || cause instanceof java.io.EOFException
                    ? "the " + (gzip ? "gzip" : "zip") + " data is damaged or incomplete."
                    : "the decompressed data could not be written.";
            throw new GlanceException(ErrorCategory.INVALID, "Image decompression failed: " + why, e);
        }
    }

    private byte[] head(String imageId) throws IOException {
        try (SeekableByteChannel data = StagedData.open(staging, imageId)) {
            ByteBuffer head = ByteBuffer.allocate(4);
            while (head.hasRemaining() && data.read(head) >= 0) {
                // reads up to four bytes
            }
            byte[] bytes = new byte[head.position()];
            head.flip().get(bytes);
            return bytes;
        }
    }

    /** Replaces the staged data with the one file of a zip archive; the checks come after the copy. */
    private void unzipSingle(String imageId, InputStream raw) throws IOException {
        ZipInputStream zip = new ZipInputStream(raw);
        ZipEntry entry = zip.getNextEntry();
        while (entry != null && entry.isDirectory()) {
            entry = zip.getNextEntry();
        }
        if (entry == null) {
            throw GlanceException.invalid("Image decompression failed: the zip archive holds no file");
        }
        staging.replace(imageId, new SingleEntryInputStream(zip, cap));
    }

    /**
     * The current entry of a zip archive, capped; at its end, fails when another file follows, so that the staged
     * data is not replaced by the first of several.
     */
    private static final class SingleEntryInputStream extends CappedInputStream {

        private final ZipInputStream zip;

        SingleEntryInputStream(ZipInputStream zip, long cap) {
            super(zip, cap);
            this.zip = zip;
        }

        @Override
        protected void atEnd() throws IOException {
            ZipEntry next = zip.getNextEntry();
            while (next != null && next.isDirectory()) {
                next = zip.getNextEntry();
            }
            if (next != null) {
                throw GlanceException.invalid("Image decompression failed: the zip archive holds more than one file");
            }
        }
    }
}
