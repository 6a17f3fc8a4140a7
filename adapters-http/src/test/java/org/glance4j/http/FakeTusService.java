package org.glance4j.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.TusUploadService;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.StatedDigest;
import org.glance4j.ports.model.TusUpload;

/**
 * A tus service that keeps byte counts in a map, for the protocol tests: it checks offsets, lengths and chunk
 * digests as the port promises, and remembers what the last creation asked for. Image rules are the core's and
 * are not repeated here.
 */
final class FakeTusService implements TusUploadService {
    static final long MAX = 1_000_000;
    static final Instant EXPIRES = Instant.parse("2026-12-08T10:00:00Z");

    final Map<String, TusUpload> uploads = new ConcurrentHashMap<>();
    final Map<String, Long> offsets = new ConcurrentHashMap<>();
    volatile Creation lastCreation;
    volatile String lastTerminated;
    private int next;

    synchronized void reset() {
        next = 0;
        uploads.clear();
        offsets.clear();
        lastCreation = null;
        lastTerminated = null;
    }

    @Override
    public long maxSize() {
        return MAX;
    }

    @Override
    public synchronized Progress create(RequestContext context, String imageId, Creation creation) {
        lastCreation = creation;
        long length = creation.kind() == TusUpload.Kind.FINAL
                ? creation.partials().stream()
                        .mapToLong(id -> uploads.get(id).length())
                        .sum()
                : creation.length();
        if (length > MAX) {
            throw GlanceException.tooLarge("The incoming image is too large");
        }
        String id = "up-" + (++next);
        TusUpload upload = new TusUpload(
                id,
                imageId,
                length,
                creation.kind(),
                creation.partials(),
                creation.metadata(),
                creation.stated(),
                creation.storeId(),
                Instant.EPOCH,
                EXPIRES);
        uploads.put(id, upload);
        offsets.put(id, 0L);
        return progress(upload);
    }

    private Progress progress(TusUpload upload) {
        if (upload.kind() == TusUpload.Kind.FINAL) {
            boolean complete = upload.partials().stream()
                    .allMatch(p -> offsets.get(p) == uploads.get(p).length());
            return new Progress(upload, complete ? upload.length() : -1, false);
        }
        return new Progress(upload, offsets.get(upload.id()), offsets.get(upload.id()) == upload.length());
    }

    @Override
    public Progress append(
            RequestContext context,
            String imageId,
            String uploadId,
            long offset,
            InputStream data,
            StatedDigest chunkDigest) {
        TusUpload upload = find(imageId, uploadId);
        if (upload.kind() == TusUpload.Kind.FINAL) {
            throw GlanceException.forbidden("final");
        }
        if (offsets.get(uploadId) != offset) {
            throw GlanceException.conflict("offset " + offset + " is not " + offsets.get(uploadId));
        }
        try {
            MessageDigest digest =
                    MessageDigest.getInstance(chunkDigest == null ? "MD5" : jdk(chunkDigest.algorithm()));
            byte[] bytes = data.readAllBytes();
            if (offset + bytes.length > upload.length()) {
                throw GlanceException.invalid("too many bytes");
            }
            if (chunkDigest != null && !chunkDigest.matches(digest.digest(bytes))) {
                throw new GlanceException(ErrorCategory.CHECKSUM_MISMATCH, "Checksum mismatch");
            }
            offsets.put(uploadId, offset + bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return progress(upload);
    }

    private static String jdk(String algorithm) {
        return switch (algorithm) {
            case "sha1" -> "SHA-1";
            case "sha256" -> "SHA-256";
            case "sha512" -> "SHA-512";
            default -> "MD5";
        };
    }

    @Override
    public Progress progress(RequestContext context, String imageId, String uploadId) {
        return progress(find(imageId, uploadId));
    }

    @Override
    public void terminate(RequestContext context, String imageId, String uploadId) {
        find(imageId, uploadId);
        uploads.remove(uploadId);
        lastTerminated = uploadId;
    }

    private TusUpload find(String imageId, String uploadId) {
        TusUpload upload = uploads.get(uploadId);
        if (upload == null || !upload.imageId().equals(imageId)) {
            throw GlanceException.notFound("Upload " + uploadId + " not found.");
        }
        return upload;
    }
}
