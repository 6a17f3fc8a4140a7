package org.glance4j.storage.jclouds;

import com.google.common.io.ByteSource;
import com.google.common.io.Files;
import com.google.common.util.concurrent.Uninterruptibles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.store.ByteRange;
import org.glance4j.ports.out.store.ImagePart;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.out.store.StoredObject;
import org.glance4j.ports.out.store.support.Spool;
import org.glance4j.storage.jclouds.BackendErrors.Operation;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.jclouds.blobstore.domain.MultipartPart;
import org.jclouds.blobstore.domain.MultipartUpload;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.GetOptions;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.io.Payload;
import org.jclouds.io.Payloads;

/**
 * An {@link ImageStore} over a jclouds blob store (S3 or Swift): one object per image, named by the image id,
 * in one bucket or container. Small writes go up in one request; a write that reaches the large-object size goes
 * up in parts of the chunk size (an S3 multipart upload, a Swift static large object), and a failed write aborts
 * the parts already sent, so nothing is left behind. Each part waits in a temporary file until its length is
 * known (the heap holds one small buffer per write). Range reads ask the backend for the range.
 */
public final class BlobStoreImageStore implements ImageStore {
    private static final Set<StoreCapability> CAPABILITIES = Set.copyOf(EnumSet.allOf(StoreCapability.class));
    /** Pieces of one composed object at most: Swift's default {@code max_manifest_segments} (S3 takes 10000). */
    private static final int MAXIMUM_PIECES = 1000;
    /** Above this, a range is asked as "from offset to the end", which every backend understands. */
    private static final long OPEN_ENDED_RANGE = 1L << 52;

    /**
     * Loggers that warn on every store start about things no operator can change (Guice's assisted-inject speed
     * hint, jclouds picking the one region TempAuth offers); kept here so the level setting sticks.
     */
    private static final List<java.util.logging.Logger> QUIETED = List.of(
            java.util.logging.Logger.getLogger("com.google.inject.assistedinject"),
            java.util.logging.Logger.getLogger("jclouds.location"),
            java.util.logging.Logger.getLogger("org.jclouds.location"));

    static {
        QUIETED.forEach(logger -> logger.setLevel(java.util.logging.Level.SEVERE));
    }

    private final BlobStoreTarget target;
    private final BlobStoreContext context;
    private volatile BlobStore blobStore;
    private final Set<String> containersKnownToExist = ConcurrentHashMap.newKeySet();
    /** The ids of the multipart uploads this store object is sending, which no clean-up may touch. */
    private final Set<String> runningUploads = ConcurrentHashMap.newKeySet();
    /** Sends the pieces of composed writes, at most {@link BlobStoreTarget#composeThreads()} at once. */
    private final ThreadPoolExecutor composers;

    BlobStoreImageStore(BlobStoreTarget target, BlobStoreContext context) {
        this.target = target;
        this.context = context;
        AtomicInteger threads = new AtomicInteger();
        this.composers = new ThreadPoolExecutor(
                target.composeThreads(),
                target.composeThreads(),
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                work -> {
                    Thread thread = new Thread(
                            work, "glance4j-store-" + target.storeId() + "-compose-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.composers.allowCoreThreadTimeOut(true);
    }

    /**
     * The jclouds blob store, made on first use: for Swift this authenticates (to learn the storage URL), which
     * must not happen at start-up, and a failure is reported like any other backend failure and retried by the
     * next call.
     */
    private BlobStore blobStore(Operation operation) {
        BlobStore made = blobStore;
        if (made == null) {
            synchronized (this) {
                made = blobStore;
                if (made == null) {
                    try {
                        made = context.getBlobStore();
                    } catch (RuntimeException e) {
                        throw BackendErrors.translate(target, operation, e);
                    }
                    blobStore = made;
                }
            }
        }
        return made;
    }

    /**
     * Builds the store without contacting the backend (credentials and the container are checked by the first
     * operation that needs them, so the service starts while a backend is down).
     *
     * @throws GlanceException {@code INVALID} naming the store when jclouds rejects the configuration
     */
    public static ImageStore open(BlobStoreTarget target) {
        Properties properties = new Properties();
        properties.putAll(target.properties());
        try {
            BlobStoreContext context = ContextBuilder.newBuilder(target.apiId())
                    .endpoint(target.endpoint())
                    .credentials(target.identity(), target.credential())
                    .overrides(properties)
                    .buildView(BlobStoreContext.class);
            return new BlobStoreImageStore(target, context);
        } catch (RuntimeException e) {
            throw new GlanceException(
                    ErrorCategory.INVALID,
                    "Store '" + target.storeId() + "': cannot set up the "
                            + target.backendName() + " client for " + target.endpoint() + ": "
                            + String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
                    e);
        }
    }

    @Override
    public String id() {
        return target.storeId();
    }

    @Override
    public Set<StoreCapability> capabilities() {
        return CAPABILITIES;
    }

    // ---------------------------------------------------------------------------------------------- write

    @Override
    public StoredObject write(String imageId, InputStream data, long expectedSize) {
        String container = target.container();
        ensureContainer(container);
        PushbackInputStream source = new PushbackInputStream(new NonClosingInputStream(data), 1);
        try (Spool spool = Spool.create(target.storeId(), target.spoolDirectory())) {
            long first = spool.refill(source, target.largeObjectSize());
            if (first < target.largeObjectSize() || !hasMore(source)) {
                putWhole(container, imageId, spool);
                return new StoredObject(target.locationOf(imageId), first);
            }
            return putInParts(container, imageId, source, spool);
        }
    }

    private void putWhole(String container, String name, Spool spool) {
        Blob blob = blobStore(Operation.WRITE)
                .blobBuilder(name)
                .payload(filePayload(spool, 0, spool.length()))
                .contentType("application/octet-stream")
                .build();
        try {
            blobStore(Operation.WRITE).putBlob(container, blob);
        } catch (RuntimeException e) {
            throw writeFailure(container, e);
        }
    }

    private StoredObject putInParts(String container, String name, PushbackInputStream source, Spool spool) {
        MultipartUpload upload = initiate(container, name);
        List<MultipartPart> parts = new ArrayList<>();
        long total = 0;
        boolean completed = false;
        try {
            long chunk = target.chunkSize();
            long whole = spool.length() - spool.length() % chunk;
            for (long offset = 0; offset < whole; offset += chunk) {
                parts.add(uploadPart(upload, parts.size() + 1, filePayload(spool, offset, chunk), container));
                total += chunk;
            }
            // Only the last part may be short: what is left of the first spool starts the next part.
            try (Spool next = Spool.create(target.storeId(), target.spoolDirectory())) {
                long length;
                try (InputStream rest = java.nio.file.Files.newInputStream(spool.file())) {
                    rest.skipNBytes(whole);
                    length = next.refill(new java.io.SequenceInputStream(rest, source), chunk);
                } catch (IOException e) {
                    throw GlanceException.unavailable(
                            "Store '" + target.storeId() + "' cannot read back image"
                                    + " data it kept on the local disk",
                            e);
                }
                while (length > 0) {
                    parts.add(uploadPart(upload, parts.size() + 1, filePayload(next, 0, length), container));
                    total += length;
                    if (length < chunk || !hasMore(source)) {
                        break;
                    }
                    length = next.refill(source, chunk);
                }
            }
            try {
                blobStore(Operation.WRITE).completeMultipartUpload(upload, parts);
            } catch (RuntimeException e) {
                throw writeFailure(container, e);
            }
            completed = true;
            return new StoredObject(target.locationOf(name), total);
        } finally {
            if (!completed) {
                abortQuietly(upload);
            }
            runningUploads.remove(upload.id());
        }
    }

    // ---------------------------------------------------------------------------------------------- compose

    /**
     * Cuts the concatenation of the parts into pieces of the chunk size (the last shorter), whatever the parts'
     * own boundaries, so that every piece but the last has the size S3 wants; one piece goes up in one request,
     * more as a multipart upload (for Swift, segments and a static large object manifest) whose pieces go up in
     * parallel on the store's compose threads, each read straight from its parts (local files are read, never
     * taken over). A failure of a part or of the backend aborts the upload once every piece already started has
     * ended, so nothing is left behind.
     */
    @Override
    public StoredObject writeComposed(String imageId, List<ImagePart> parts) {
        require(StoreCapability.WRITE);
        String container = target.container();
        ComposedPieces pieces = new ComposedPieces(parts, target.chunkSize(), MAXIMUM_PIECES);
        ensureContainer(container);
        if (pieces.count() == 1) {
            Blob blob = blobStore(Operation.WRITE)
                    .blobBuilder(imageId)
                    .payload(piecePayload(pieces, 0))
                    .contentType("application/octet-stream")
                    .build();
            try {
                blobStore(Operation.WRITE).putBlob(container, blob);
            } catch (RuntimeException e) {
                throw composeFailure(pieces, container, e);
            }
            return new StoredObject(target.locationOf(imageId), pieces.total());
        }
        MultipartUpload upload = initiate(container, imageId);
        boolean completed = false;
        try {
            List<MultipartPart> sent = sendInParallel(upload, pieces, container);
            try {
                blobStore(Operation.WRITE).completeMultipartUpload(upload, sent);
            } catch (RuntimeException e) {
                throw writeFailure(container, e);
            }
            completed = true;
            return new StoredObject(target.locationOf(imageId), pieces.total());
        } finally {
            if (!completed) {
                abortQuietly(upload);
            }
            runningUploads.remove(upload.id());
        }
    }

    /**
     * Sends every piece on the compose threads and waits for all of them; after the first failure the pieces not
     * yet started are skipped, and the failure is thrown once every started piece has ended.
     */
    private List<MultipartPart> sendInParallel(MultipartUpload upload, ComposedPieces pieces, String container) {
        AtomicBoolean failed = new AtomicBoolean();
        List<Future<MultipartPart>> sending = new ArrayList<>();
        for (int i = 0; i < pieces.count(); i++) {
            int index = i;
            sending.add(composers.submit(() -> {
                if (failed.get()) {
                    return null;
                }
                try {
                    return blobStore(Operation.WRITE)
                            .uploadMultipartPart(upload, index + 1, piecePayload(pieces, index));
                } catch (RuntimeException | Error e) {
                    failed.set(true);
                    throw e;
                }
            }));
        }
        List<MultipartPart> sent = new ArrayList<>();
        Throwable failure = null;
        for (Future<MultipartPart> piece : sending) {
            try {
                sent.add(Uninterruptibles.getUninterruptibly(piece));
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            }
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw composeFailure(pieces, container, (RuntimeException) failure);
        }
        return sent;
    }

    /** A part's own failure when a part failed (whatever jclouds made of it), else the backend's. */
    private RuntimeException composeFailure(ComposedPieces pieces, String container, RuntimeException e) {
        RuntimeException partFailure = pieces.partFailure();
        return partFailure != null ? partFailure : writeFailure(container, e);
    }

    private static Payload piecePayload(ComposedPieces pieces, int index) {
        Payload payload = Payloads.newByteSourcePayload(pieces.piece(index));
        payload.getContentMetadata().setContentLength(pieces.length(index));
        payload.getContentMetadata().setContentType("application/octet-stream");
        return payload;
    }

    private MultipartUpload initiate(String container, String name) {
        try {
            BlobStore blobs = blobStore(Operation.WRITE);
            BlobMetadata metadata = blobs.blobBuilder(name)
                    .payload(new byte[0])
                    .contentType("application/octet-stream")
                    .build()
                    .getMetadata();
            MultipartUpload upload = blobs.initiateMultipartUpload(container, metadata, PutOptions.NONE);
            runningUploads.add(upload.id());
            return upload;
        } catch (RuntimeException e) {
            throw writeFailure(container, e);
        }
    }

    // ---------------------------------------------------------------------------------------------- abandoned

    /**
     * Deletes what dead writers of {@code imageId} left in the container: Swift segments under
     * {@code <image id>/} (a static large object's segments are written before its manifest) and unfinished S3
     * multipart uploads of the image, except those of uploads running in this store object. When the image's object
     * exists, its segments are its own and nothing is deleted. An upload of the same image running in another
     * process cannot be told from a dead one here: the core calls this only for an image whose uploading node is
     * dead and which it has just queued again, so none is expected.
     */
    @Override
    public int deleteAbandonedWrites(String imageId) {
        String container = target.container();
        try {
            BlobStore blobs = blobStore(Operation.DELETE);
            if (!blobs.containerExists(container) || blobs.blobMetadata(container, imageId) != null) {
                return 0;
            }
            List<String> leftovers = new ArrayList<>();
            String marker = null;
            do {
                ListContainerOptions options =
                        ListContainerOptions.Builder.prefix(imageId + "/").recursive();
                if (marker != null) {
                    options.afterMarker(marker);
                }
                PageSet<? extends StorageMetadata> page = blobs.list(container, options);
                for (StorageMetadata entry : page) {
                    if (!isOfARunningUpload(entry.getName())) {
                        leftovers.add(entry.getName());
                    }
                }
                marker = page.getNextMarker();
            } while (marker != null);
            for (String leftover : leftovers) {
                blobs.removeBlob(container, leftover);
            }
            return leftovers.size() + abortAbandonedMultipartUploads(blobs, container, imageId);
        } catch (RuntimeException e) {
            throw BackendErrors.translate(target, Operation.DELETE, e);
        }
    }

    private boolean isOfARunningUpload(String objectName) {
        for (String upload : runningUploads) {
            if (objectName.startsWith(upload + "/")) {
                return true;
            }
        }
        return false;
    }

    /** S3's unfinished multipart uploads of the image; none on a backend that cannot list them (Swift). */
    private int abortAbandonedMultipartUploads(BlobStore blobs, String container, String imageId) {
        List<MultipartUpload> uploads;
        try {
            uploads = blobs.listMultipartUploads(container);
        } catch (UnsupportedOperationException e) {
            return 0;
        }
        int aborted = 0;
        for (MultipartUpload upload : uploads) {
            if (imageId.equals(upload.blobName()) && !runningUploads.contains(upload.id())) {
                blobs.abortMultipartUpload(upload);
                aborted++;
            }
        }
        return aborted;
    }

    private MultipartPart uploadPart(MultipartUpload upload, int number, Payload payload, String container) {
        try {
            return blobStore(Operation.WRITE).uploadMultipartPart(upload, number, payload);
        } catch (RuntimeException e) {
            throw writeFailure(container, e);
        }
    }

    private void abortQuietly(MultipartUpload upload) {
        try {
            blobStore(Operation.WRITE).abortMultipartUpload(upload);
        } catch (RuntimeException e) {
            java.util.logging.Logger.getLogger(BlobStoreImageStore.class.getName())
                    .warning("Store '"
                            + target.storeId() + "': could not remove the parts of a failed upload of "
                            + upload.blobName() + "; the backend may keep them until its own clean-up");
        }
    }

    private RuntimeException writeFailure(String container, RuntimeException e) {
        if (BackendErrors.isContainerMissing(e)) {
            containersKnownToExist.remove(container);
            return BackendErrors.containerMissing(target, container, e);
        }
        return BackendErrors.translate(target, Operation.WRITE, e);
    }

    private void ensureContainer(String container) {
        if (containersKnownToExist.contains(container)) {
            return;
        }
        try {
            BlobStore blobs = blobStore(Operation.CHECK);
            if (!blobs.containerExists(container)) {
                if (!target.createContainerOnWrite()) {
                    throw BackendErrors.containerMissing(target, container, null);
                }
                blobs.createContainerInLocation(null, container);
            }
        } catch (RuntimeException e) {
            throw BackendErrors.translate(target, Operation.CHECK, e);
        }
        containersKnownToExist.add(container);
    }

    private static boolean hasMore(PushbackInputStream source) {
        try {
            int next = source.read();
            if (next < 0) {
                return false;
            }
            source.unread(next);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Payload filePayload(Spool spool, long offset, long length) {
        ByteSource bytes = Files.asByteSource(spool.file().toFile()).slice(offset, length);
        Payload payload = Payloads.newByteSourcePayload(bytes);
        payload.getContentMetadata().setContentLength(length);
        payload.getContentMetadata().setContentType("application/octet-stream");
        return payload;
    }

    // ---------------------------------------------------------------------------------------------- read

    @Override
    public InputStream read(String location, ByteRange range) {
        require(range == null ? StoreCapability.READ : StoreCapability.READ_RANGE);
        BlobLocation where = BlobLocation.parse(target.storeId(), target.schemes(), location);
        GetOptions options = GetOptions.NONE;
        if (range != null) {
            options = range.length() >= OPEN_ENDED_RANGE
                    ? new GetOptions().startAt(range.offset())
                    : new GetOptions().range(range.offset(), range.lastByte());
        }
        Blob blob;
        try {
            blob = blobStore(Operation.READ).getBlob(where.container(), where.object(), options);
        } catch (RuntimeException e) {
            if (range != null && BackendErrors.isRangeRefusal(e)) {
                throw new GlanceException(
                        ErrorCategory.RANGE_NOT_SATISFIABLE,
                        "Range " + range.offset() + "-" + range.lastByte() + " lies outside the image data in store '"
                                + target.storeId() + "'",
                        e);
            }
            throw readFailure(where, Operation.READ, e);
        }
        if (blob == null) {
            throw notFound();
        }
        try {
            return blob.getPayload().openStream();
        } catch (IOException e) {
            throw BackendErrors.translate(target, Operation.READ, new UncheckedIOException(e));
        }
    }

    @Override
    public long size(String location) {
        require(StoreCapability.READ);
        BlobLocation where = BlobLocation.parse(target.storeId(), target.schemes(), location);
        BlobMetadata metadata;
        try {
            metadata = blobStore(Operation.SIZE).blobMetadata(where.container(), where.object());
        } catch (RuntimeException e) {
            throw readFailure(where, Operation.SIZE, e);
        }
        if (metadata == null) {
            throw notFound();
        }
        Long size = metadata.getContentMetadata().getContentLength();
        return size != null ? size : metadata.getSize();
    }

    private RuntimeException readFailure(BlobLocation where, Operation operation, RuntimeException e) {
        if (BackendErrors.isContainerMissing(e)) {
            return notFound();
        }
        return BackendErrors.translate(target, operation, e);
    }

    private GlanceException notFound() {
        return GlanceException.notFound("No image data at this location in store '" + target.storeId() + "'");
    }

    // ---------------------------------------------------------------------------------------------- delete

    @Override
    public boolean delete(String location) {
        require(StoreCapability.DELETE);
        BlobLocation where = BlobLocation.parse(target.storeId(), target.schemes(), location);
        try {
            BlobStore blobs = blobStore(Operation.DELETE);
            if (blobs.blobMetadata(where.container(), where.object()) == null) {
                return false;
            }
            blobs.removeBlob(where.container(), where.object());
            return true;
        } catch (RuntimeException e) {
            if (BackendErrors.isContainerMissing(e)) {
                return false;
            }
            throw BackendErrors.translate(target, Operation.DELETE, e);
        }
    }

    @Override
    public void close() {
        composers.shutdownNow();
        context.close();
    }

    @Override
    public String toString() {
        return target.backendName() + " store '" + target.storeId() + "' (" + target.endpoint() + ", "
                + target.containerWord() + " " + target.container() + ")";
    }

    /** Keeps jclouds and the pushback wrapper from closing the caller's stream. */
    private static final class NonClosingInputStream extends java.io.FilterInputStream {
        NonClosingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, len);
        }

        @Override
        public void close() {}
    }
}
