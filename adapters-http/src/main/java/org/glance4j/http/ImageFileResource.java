package org.glance4j.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.ImageDataService;
import org.glance4j.ports.in.ImageDownload;
import org.glance4j.ports.in.RangeRequest;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.StatedDigest;
import org.xnio.IoUtils;

/**
 * {@code PUT} and {@code GET /v2/images/{id}/file}: the upload streams the request body into the core, the
 * download streams the image's bytes out (whole, one range, or a 304 for a matching {@code If-None-Match} or
 * {@code If-Modified-Since}, which does not read the store), with what caching proxies need ({@link CachePolicy}).
 * An upload's stated digests ({@link StatedDigestHeaders}) go to the core with it; a download answers
 * {@code Want-Repr-Digest} ({@link ReprDigestAnswer}).
 */
final class ImageFileResource implements Resource {
    static final String ALLOW = "GET, PUT";
    static final String OCTET_STREAM = "application/octet-stream";
    static final HttpString IMAGE_SIZE_HEADER = new HttpString("x-openstack-image-size");
    static final HttpString CONTENT_MD5 = new HttpString("Content-MD5");
    static final HttpString STORE_HEADER = new HttpString("x-image-meta-store");
    static final String INVALID_SIZE = "Invalid or missing image size in request headers.";

    private static final System.Logger LOG = System.getLogger(ImageFileResource.class.getName());

    private final ImageDataService data;
    private final boolean multipleStores;

    ImageFileResource(ImageDataService data) {
        this(data, false);
    }

    /** With {@code multipleStores}, an upload goes to the store {@code x-image-meta-store} names (Glance ignores
     * the header otherwise). */
    ImageFileResource(ImageDataService data, boolean multipleStores) {
        this.data = data;
        this.multipleStores = multipleStores;
    }

    @Override
    public void handle(ApiRequest request) throws IOException {
        switch (request.method()) {
            case "GET" -> download(request);
            case "PUT" -> upload(request);
            default -> throw Resource.methodNotAllowed(request, ALLOW);
        }
    }

    // ---- upload

    private void upload(ApiRequest request) {
        requireOctetStream(request.header(Headers.CONTENT_TYPE));
        long declaredSize = declaredSize(request);
        List<StatedDigest> stated = StatedDigestHeaders.of(request.exchange().getRequestHeaders());
        HttpServerExchange exchange = request.exchange();
        // an image may be as large as image_size_cap allows: the core enforces it
        exchange.setMaxEntitySize(ApiRequest.NO_ENTITY_LIMIT);
        UploadBodyStream body = new UploadBodyStream(exchange.getRequestChannel(), ClientTimeout.nanos(exchange));
        ReceivedBytes.track(exchange, body);
        try {
            String store = multipleStores ? request.header(STORE_HEADER) : null;
            if (stated.isEmpty()) {
                data.upload(request.context(), request.segment(1), body, declaredSize, store);
            } else {
                data.upload(request.context(), request.segment(1), body, declaredSize, store, stated);
            }
        } catch (RuntimeException e) {
            if (body.failure() != null) {
                clientWentAway(exchange, request.segment(1), body, e);
                return;
            }
            throw e;
        }
        Responses.noContent(exchange);
    }

    private static void clientWentAway(
            HttpServerExchange exchange, String imageId, UploadBodyStream body, RuntimeException outcome) {
        LOG.log(
                System.Logger.Level.INFO,
                "Request " + exchange.getAttachment(ErrorResponder.REQUEST_ID)
                        + ": the upload of image " + imageId + " broke off after " + body.received() + " bytes ("
                        + body.failure() + "); the core answered: " + outcome.getMessage());
        exchange.setPersistent(false);
        IoUtils.safeClose(exchange.getConnection());
    }

    /** Glance's deserializer accepts {@code application/octet-stream} alone (parameters and case aside). */
    static void requireOctetStream(String contentType) {
        String mediaType = contentType == null ? null : contentType.split(";", 2)[0].trim();
        if (mediaType != null && mediaType.toLowerCase(Locale.ROOT).equals(OCTET_STREAM)) {
            return;
        }
        throw GlanceException.unsupportedMediaType("The request media type "
                + (mediaType == null ? "" : mediaType + " ") + "is not supported by this server. Invalid content type "
                + (mediaType == null ? "None" : mediaType));
    }

    /**
     * The size the client announces: {@code x-openstack-image-size} (an integer, else 400), or else a positive
     * {@code Content-Length}; -1 when neither says (chunked, or an empty body), as Glance's {@code None}.
     */
    static long declaredSize(ApiRequest request) {
        String header = request.header(IMAGE_SIZE_HEADER);
        if (header != null) {
            try {
                long size = Long.parseLong(header.trim().replace("_", ""));
                if (size < 0) {
                    throw GlanceException.invalid(INVALID_SIZE);
                }
                return size;
            } catch (NumberFormatException e) {
                throw GlanceException.invalid(INVALID_SIZE);
            }
        }
        long contentLength = request.exchange().getRequestContentLength();
        return contentLength > 0 ? contentLength : -1;
    }

    // ---- download

    private void download(ApiRequest request) {
        request.rejectBody();
        ByteRangeHeader range = ByteRangeHeader.of(request);
        String ifNoneMatch = request.header(Headers.IF_NONE_MATCH);
        // RFC 9110 13.2.2: If-Modified-Since counts only without If-None-Match
        String ifModifiedSince = ifNoneMatch == null ? request.header(Headers.IF_MODIFIED_SINCE) : null;
        if ((ifNoneMatch != null || ifModifiedSince != null)
                && answeredNotModified(request, ifNoneMatch, ifModifiedSince)) {
            return;
        }
        String ifRange = range.present() ? request.header(Headers.IF_RANGE) : null;
        ImageDownload download = range.error() == null && ifRange == null
                ? open(request, range.range(), -1)
                : openConditionally(request, range, ifRange);
        if (download == null) {
            return;
        }
        try {
            serve(request.exchange(), range, download);
        } finally {
            close(download);
        }
    }

    /**
     * Answers 304 when the caller may download the image (the core checks it as for a download, without opening
     * the data) and the copy the caller holds is current: a matching {@code If-None-Match}, or else an
     * {@code If-Modified-Since} no earlier than the image's {@code Last-Modified}. An image without data is never
     * "not modified" (its answer is the 204). The store is not read, so a caching proxy's revalidation costs it
     * nothing. Returns false when the download must go on.
     */
    private boolean answeredNotModified(ApiRequest request, String ifNoneMatch, String ifModifiedSince) {
        Image image = data.downloadable(request.context(), request.segment(1));
        if (!image.hasData()) {
            return false;
        }
        boolean current = ifNoneMatch != null
                ? EntityTag.noneMatchMatches(ifNoneMatch, EntityTag.of(image))
                : LastModified.notModifiedSince(image, ifModifiedSince);
        if (!current) {
            return false;
        }
        HttpServerExchange exchange = request.exchange();
        exchange.setStatusCode(304);
        validators(exchange, image);
        exchange.endExchange();
        return true;
    }

    /**
     * Opens the whole image first, because its tag and size decide what to send (the policy is checked there too,
     * so a bad range from somebody who may not download is still 403): 204 without data, the range error with the
     * size, the range when {@code If-Range} allows it, or else the whole image. Returns null when the answer is
     * already sent.
     */
    private ImageDownload openConditionally(ApiRequest request, ByteRangeHeader range, String ifRange) {
        ImageDownload whole = open(request, null, -1);
        if (!whole.hasData()) {
            close(whole);
            if (range.error() != null) {
                throw range.error();
            }
            Responses.noContent(request.exchange());
            return null;
        }
        String tag = EntityTag.of(whole.image());
        if (range.error() != null) {
            close(whole);
            throw withSize(range.error(), whole.total());
        }
        if (range.range() == null || !EntityTag.ifRangeMatches(ifRange, tag)) {
            return whole;
        }
        close(whole);
        return open(request, range.range(), whole.total());
    }

    private static void serve(HttpServerExchange exchange, ByteRangeHeader range, ImageDownload download) {
        if (!download.hasData()) {
            Responses.noContent(exchange);
            return;
        }
        if (download.partial() && (download.length() <= 0 || legacyRangeCut(range, download))) {
            throw unsatisfiable(
                    range.legacy()
                            ? "Invalid stop position in Content-Range header. The stop "
                                    + "position MUST be in the inclusive range [0, " + (download.total() - 1) + "]."
                            : ByteRangeHeader.INVALID_RANGE,
                    download.total());
        }
        writeHeaders(exchange, download);
        DownloadSender.send(exchange, download);
    }

    /** Opens the download; a range the core refuses is 416 with the image's size in {@code Content-Range}. */
    private ImageDownload open(ApiRequest request, RangeRequest range, long knownTotal) {
        String imageId = request.segment(1);
        try {
            return data.download(request.context(), imageId, range);
        } catch (GlanceException e) {
            if (e.category() != ErrorCategory.RANGE_NOT_SATISFIABLE) {
                throw e;
            }
            long total = knownTotal >= 0 ? knownTotal : sizeOf(request, imageId);
            throw unsatisfiable(e.getMessage(), total);
        }
    }

    /** The size of the image's data, for the {@code Content-Range} of a 416; -1 when it cannot be learnt. */
    private long sizeOf(ApiRequest request, String imageId) {
        try (ImageDownload whole = data.download(request.context(), imageId, null)) {
            return whole.hasData() ? whole.total() : -1;
        } catch (GlanceException | IOException e) {
            return -1;
        }
    }

    /** A legacy {@code Content-Range} must end inside the image; the core clamps ranges, so compare. */
    private static boolean legacyRangeCut(ByteRangeHeader range, ImageDownload download) {
        return range.legacy()
                && range.range() != null
                && range.range().last() != null
                && range.range().last() >= download.offset() + download.length();
    }

    private static HttpFailure unsatisfiable(String message, long total) {
        return new HttpFailure(
                HttpStatus.RANGE_NOT_SATISFIABLE,
                message,
                total >= 0 ? Map.of("Content-Range", "bytes */" + total) : Map.of());
    }

    private static HttpFailure withSize(HttpFailure error, long total) {
        return error.status().code() == 416 ? unsatisfiable(error.getMessage(), total) : error;
    }

    private static void writeHeaders(HttpServerExchange exchange, ImageDownload download) {
        Image image = download.image();
        exchange.setStatusCode(download.partial() ? 206 : 200);
        var headers = exchange.getResponseHeaders();
        headers.put(Headers.CONTENT_TYPE, OCTET_STREAM);
        headers.put(Headers.CONTENT_LENGTH, download.length());
        headers.put(Headers.ACCEPT_RANGES, "bytes");
        if (image.checksum() != null && !image.checksum().isEmpty()) {
            headers.put(CONTENT_MD5, image.checksum());
        }
        String reprDigest =
                ReprDigestAnswer.of(exchange.getRequestHeaders().getFirst(ReprDigestAnswer.WANT_REPR_DIGEST), image);
        if (reprDigest != null) {
            headers.put(ReprDigestAnswer.REPR_DIGEST, reprDigest);
        }
        validators(exchange, image);
        if (download.partial()) {
            headers.put(
                    Headers.CONTENT_RANGE,
                    "bytes " + download.offset() + "-" + (download.offset() + download.length() - 1) + "/"
                            + download.total());
        }
    }

    /**
     * What a cache needs to keep the image's data and check its copy, on the 200, 206 and 304 alike: the
     * {@code ETag}, {@code Last-Modified}, and what {@link CachePolicy} allows for this image.
     */
    private static void validators(HttpServerExchange exchange, Image image) {
        var headers = exchange.getResponseHeaders();
        String tag = EntityTag.of(image);
        if (tag != null) {
            headers.put(Headers.ETAG, tag);
        }
        headers.put(Headers.LAST_MODIFIED, LastModified.of(image));
        CachePolicy.imageData(exchange, image);
    }

    private static void close(ImageDownload download) {
        try {
            download.close();
        } catch (IOException e) {
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "Closing the download of image " + download.image().id() + ": " + e);
        }
    }
}
