package org.glance4j.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ImageDataService;
import org.glance4j.ports.in.ImageDownload;
import org.glance4j.ports.in.RangeRequest;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.RequestContext;

/**
 * A hand-written {@link ImageDataService}. Uploads are read to their end with a 1 MiB buffer, counted and digested
 * (SHA-256) without being kept; a read failure is remembered and rethrown unchecked. Downloads serve either an
 * array (a plain stream, the copy path) or a file (a {@link TestFileRegionStream}, the zero-copy path), resolving
 * ranges as Glance does (start past the end is 416, an end past the end is clamped, a long suffix is the whole).
 */
final class FakeImageDataService implements ImageDataService {
    /** One recorded upload. */
    record Upload(String imageId, long declaredSize, long bytes, String sha256, IOException failure) {}

    final List<RangeRequest> downloadRanges = Collections.synchronizedList(new ArrayList<>());
    final List<Upload> uploads = Collections.synchronizedList(new ArrayList<>());
    final List<InputStream> opened = Collections.synchronizedList(new ArrayList<>());
    /** The images {@link #downloadable} was asked about (the check of a conditional download, which opens nothing). */
    final List<String> checked = Collections.synchronizedList(new ArrayList<>());
    /** The store each upload asked for ({@code X-Image-Meta-Store}; null for the default one). */
    final List<String> uploadStores = Collections.synchronizedList(new ArrayList<>());
    /** The digests each upload that stated some stated (uploads without any call the shorter method). */
    final List<List<org.glance4j.ports.model.StatedDigest>> stated = Collections.synchronizedList(new ArrayList<>());

    volatile Image image = FakeImageService.sampleImage();
    volatile byte[] content;
    volatile Path file;
    /** Serve {@link #file} as a plain stream (the copy path) instead of a file region. */
    volatile boolean fileAsPlainStream;
    /** When set, the download body ({@link #content}) fails with an IOException after this many bytes. */
    volatile long failDownloadAfter = -1;

    volatile RuntimeException failure;
    volatile CountDownLatch uploadDone = new CountDownLatch(1);
    /** Uploads that have begun reading their body. */
    final AtomicInteger uploadsStarted = new AtomicInteger();

    void reset() {
        downloadRanges.clear();
        uploads.clear();
        opened.clear();
        checked.clear();
        stated.clear();
        image = FakeImageService.sampleImage();
        content = null;
        file = null;
        fileAsPlainStream = false;
        failDownloadAfter = -1;
        failure = null;
        uploadDone = new CountDownLatch(1);
        uploadsStarted.set(0);
    }

    Upload awaitUpload() throws InterruptedException {
        if (!uploadDone.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("no upload finished");
        }
        return uploads.get(uploads.size() - 1);
    }

    @Override
    public Image upload(
            RequestContext context,
            String imageId,
            InputStream data,
            long declaredSize,
            String storeId,
            List<org.glance4j.ports.model.StatedDigest> digests) {
        stated.add(digests);
        return upload(context, imageId, data, declaredSize, storeId);
    }

    @Override
    public Image upload(RequestContext context, String imageId, InputStream data, long declaredSize, String storeId) {
        uploadStores.add(storeId);
        return upload(context, imageId, data, declaredSize);
    }

    @Override
    public Image upload(RequestContext context, String imageId, InputStream data, long declaredSize) {
        uploadsStarted.incrementAndGet();
        try {
            if (failure != null) {
                throw failure;
            }
            MessageDigest digest = sha256();
            byte[] buffer = new byte[1024 * 1024];
            long total = 0;
            try {
                int n;
                while ((n = data.read(buffer)) >= 0) {
                    digest.update(buffer, 0, n);
                    total += n;
                }
            } catch (IOException e) {
                uploads.add(new Upload(imageId, declaredSize, total, null, e));
                throw new UncheckedIOException(e);
            }
            uploads.add(new Upload(imageId, declaredSize, total, HexFormat.of().formatHex(digest.digest()), null));
            return image;
        } finally {
            uploadDone.countDown();
        }
    }

    @Override
    public ImageDownload download(RequestContext context, String imageId, RangeRequest range) {
        downloadRanges.add(range);
        if (failure != null) {
            throw failure;
        }
        if (content == null && file == null) {
            return ImageDownload.noData(image);
        }
        long total = content != null ? content.length : size(file);
        long offset = 0;
        long length = total;
        if (range != null) {
            if (range.suffixLength() != null) {
                length = Math.min(range.suffixLength(), total);
                offset = total - length;
            } else {
                if (range.first() >= total) {
                    throw new GlanceException(
                            ErrorCategory.RANGE_NOT_SATISFIABLE,
                            "Invalid start position in Range "
                                    + "header. Start position MUST be in the inclusive range [0, " + (total - 1)
                                    + "].");
                }
                offset = range.first();
                long last = range.last() == null ? total - 1 : Math.min(range.last(), total - 1);
                length = last - offset + 1;
            }
        }
        InputStream body = content != null
                ? new ArrayStream(content, (int) offset, (int) length)
                : fileAsPlainStream
                        ? new PlainStream(TestFileRegionStream.open(file, offset, length))
                        : TestFileRegionStream.open(file, offset, length);
        if (failDownloadAfter >= 0) {
            body = new BreakingStream(new ArrayStream(content, (int) offset, (int) length), failDownloadAfter);
        }
        opened.add(body);
        return new ImageDownload(image, body, offset, length, total, range != null);
    }

    /**
     * The image, with a location when there is {@link #content} or a {@link #file} to serve (the record's word that
     * it has data), without opening anything.
     */
    @Override
    public Image downloadable(RequestContext context, String imageId) {
        checked.add(imageId);
        if (failure != null) {
            throw failure;
        }
        if (content == null && file == null) {
            return image;
        }
        return image.toBuilder()
                .locations(List.of(
                        new org.glance4j.ports.model.ImageLocation("fake://" + imageId, "fake", java.util.Map.of())))
                .build();
    }

    /** Whether every stream handed out gets closed (the server closes just after the last byte: waits a while). */
    boolean awaitAllClosed() throws InterruptedException {
        for (InputStream s : List.copyOf(opened)) {
            boolean closed = s instanceof TestFileRegionStream region
                    ? region.awaitClosed()
                    : s instanceof PlainStream plain
                            ? plain.region.awaitClosed()
                            : s instanceof BreakingStream breaking
                                    ? breaking.inner.closed.await(30, TimeUnit.SECONDS)
                                    : ((ArrayStream) s).closed.await(30, TimeUnit.SECONDS);
            if (!closed) {
                return false;
            }
        }
        return true;
    }

    /** An array stream (not a file region: the copy path) that remembers being closed. */
    static final class ArrayStream extends ByteArrayInputStream {
        final CountDownLatch closed = new CountDownLatch(1);

        ArrayStream(byte[] bytes, int offset, int length) {
            super(bytes, offset, length);
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    /** A stream that fails the way a store read error does, after some bytes. */
    static final class BreakingStream extends java.io.FilterInputStream {
        final ArrayStream inner;
        private long left;

        BreakingStream(ArrayStream inner, long failAfter) {
            super(inner);
            this.inner = inner;
            this.left = failAfter;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                throw new IOException("simulated store read failure");
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            left -= Math.max(0, n);
            return n;
        }
    }

    /** A file region hidden behind a plain stream, so the server must copy. */
    static final class PlainStream extends java.io.FilterInputStream {
        final TestFileRegionStream region;

        PlainStream(TestFileRegionStream region) {
            super(region);
            this.region = region;
        }
    }

    private static long size(Path path) {
        try (FileChannel c = FileChannel.open(path, StandardOpenOption.READ)) {
            return c.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
