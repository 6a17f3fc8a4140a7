package org.glance4j.core.importing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;

/**
 * {@code image_decompression}: a staged file that starts with the gzip or zip magic number is replaced by its
 * decompressed content (a zip must hold exactly one file), unless the image's container format is
 * {@code compressed}. The decompressed size is capped by {@code image_size_cap}, so a small bomb cannot fill the
 * disk.
 */
final class DecompressionPlugin implements ImportPlugin {

    private final long cap;

    DecompressionPlugin(long cap) {
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
        byte[] head;
        try (InputStream in = Files.newInputStream(work.file)) {
            head = in.readNBytes(4);
        }
        boolean gzip = head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
        boolean zip = head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        if (!gzip && !zip) {
            return;
        }
        Path out = work.file.resolveSibling(work.file.getFileName() + ".uc");
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(work.file));
             OutputStream target = Files.newOutputStream(out)) {
            if (gzip) {
                StagingArea.copyCapped(new GZIPInputStream(raw), target, cap);
            } else {
                unzipSingle(raw, target);
            }
        } catch (IOException | RuntimeException e) {
            StagingArea.deleteQuietly(out);
            if (e instanceof GlanceException g) {
                throw g;
            }
            String why = e instanceof java.util.zip.ZipException || e instanceof java.io.EOFException
                    ? "the " + (gzip ? "gzip" : "zip") + " data is damaged or incomplete."
                    : "the decompressed data could not be written.";
            throw new GlanceException(ErrorCategory.INVALID, "Image decompression failed: " + why, e);
        }
        Files.move(out, work.file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void unzipSingle(InputStream raw, OutputStream target) throws IOException {
        ZipInputStream zip = new ZipInputStream(raw);
        ZipEntry entry = zip.getNextEntry();
        while (entry != null && entry.isDirectory()) {
            entry = zip.getNextEntry();
        }
        if (entry == null) {
            throw GlanceException.invalid("Image decompression failed: the zip archive holds no file");
        }
        StagingArea.copyCapped(zip, target, cap);
        ZipEntry next = zip.getNextEntry();
        while (next != null && next.isDirectory()) {
            next = zip.getNextEntry();
        }
        if (next != null) {
            throw GlanceException.invalid("Image decompression failed: the zip archive holds more than one file");
        }
    }
}
