package org.glance4j.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.TusUploadService;
import org.glance4j.ports.in.TusUploadService.Progress;
import org.glance4j.ports.model.StatedDigest;
import org.glance4j.ports.model.TusUpload;
import org.xnio.IoUtils;

/**
 * The tus 1.0.0 resumable upload protocol on {@code /v2/images/{id}/tus} (the creation endpoint: {@code OPTIONS},
 * {@code POST}) and {@code /v2/images/{id}/tus/{upload_id}} ({@code HEAD}, {@code PATCH}, {@code DELETE}), with the
 * creation, creation-with-upload, termination, checksum, concatenation and expiration extensions. Every request but
 * {@code OPTIONS} must say {@code Tus-Resumable: 1.0.0} (412 otherwise); {@code X-HTTP-Method-Override} on a
 * {@code POST} names the method meant. Refusals go through the one error table like every other answer.
 */
final class TusResource implements Resource {
    static final String VERSION = "1.0.0";
    static final String EXTENSIONS = "creation,creation-with-upload,termination,checksum,concatenation,expiration";
    static final String CHECKSUM_ALGORITHMS = "md5,sha1,sha256,sha512";
    static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";
    static final HttpString TUS_RESUMABLE = new HttpString("Tus-Resumable");
    static final HttpString TUS_VERSION = new HttpString("Tus-Version");
    static final HttpString TUS_EXTENSION = new HttpString("Tus-Extension");
    static final HttpString TUS_MAX_SIZE = new HttpString("Tus-Max-Size");
    static final HttpString TUS_CHECKSUM_ALGORITHM = new HttpString("Tus-Checksum-Algorithm");
    static final HttpString UPLOAD_OFFSET = new HttpString("Upload-Offset");
    static final HttpString UPLOAD_LENGTH = new HttpString("Upload-Length");
    static final HttpString UPLOAD_DEFER_LENGTH = new HttpString("Upload-Defer-Length");
    static final HttpString UPLOAD_METADATA = new HttpString("Upload-Metadata");
    static final HttpString UPLOAD_CONCAT = new HttpString("Upload-Concat");
    static final HttpString UPLOAD_EXPIRES = new HttpString("Upload-Expires");
    static final HttpString UPLOAD_CHECKSUM = new HttpString("Upload-Checksum");
    static final HttpString METHOD_OVERRIDE = new HttpString("X-HTTP-Method-Override");

    private static final String CREATION_ALLOW = "OPTIONS, POST";
    private static final String UPLOAD_ALLOW = "OPTIONS, HEAD, PATCH, DELETE";
    private static final Set<String> CHECKSUMS = Set.of(CHECKSUM_ALGORITHMS.split(","));
    private static final int METADATA_LIMIT = 4096;

    private final TusUploadService tus;
    private final boolean multipleStores;

    TusResource(TusUploadService tus, boolean multipleStores) {
        this.tus = tus;
        this.multipleStores = multipleStores;
    }

    /** The method a request means: a {@code POST}'s {@code X-HTTP-Method-Override}, else its own. */
    static String effectiveMethod(HttpServerExchange exchange) {
        String method = exchange.getRequestMethod().toString();
        String override = exchange.getRequestHeaders().getFirst(METHOD_OVERRIDE);
        return method.equals("POST") && override != null && !override.isBlank()
                ? override.trim().toUpperCase(Locale.ROOT)
                : method;
    }

    @Override
    public void handle(ApiRequest request) {
        HttpServerExchange exchange = request.exchange();
        exchange.getResponseHeaders().put(TUS_RESUMABLE, VERSION);
        boolean creation = request.segmentCount() == 3;
        String method = effectiveMethod(exchange);
        if (method.equals("OPTIONS")) {
            options(exchange);
            return;
        }
        if (!VERSION.equals(request.header(TUS_RESUMABLE))) {
            throw new HttpFailure(
                    HttpStatus.PRECONDITION_FAILED,
                    "This server speaks tus " + VERSION + "; send Tus-Resumable: " + VERSION + ".",
                    Map.of(TUS_VERSION.toString(), VERSION));
        }
        if (creation) {
            if (!method.equals("POST")) {
                throw HttpFailure.methodNotAllowed(method, CREATION_ALLOW);
            }
            create(request);
            return;
        }
        switch (method) {
            case "HEAD" -> head(request);
            case "PATCH" -> patch(request);
            case "DELETE" -> {
                request.rejectBody();
                tus.terminate(request.context(), request.segment(1), request.segment(3));
                Responses.noContent(exchange);
            }
            default -> throw HttpFailure.methodNotAllowed(method, UPLOAD_ALLOW);
        }
    }

    private void options(HttpServerExchange exchange) {
        var headers = exchange.getResponseHeaders();
        headers.put(TUS_VERSION, VERSION);
        headers.put(TUS_EXTENSION, EXTENSIONS);
        headers.put(TUS_MAX_SIZE, tus.maxSize());
        headers.put(TUS_CHECKSUM_ALGORITHM, CHECKSUM_ALGORITHMS);
        Responses.noContent(exchange);
    }

    // ---- creation

    private void create(ApiRequest request) {
        HttpServerExchange exchange = request.exchange();
        String imageId = request.segment(1);
        String concat = request.header(UPLOAD_CONCAT);
        TusUpload.Kind kind = kindOf(concat);
        List<String> partials = kind == TusUpload.Kind.FINAL ? partialIds(concat, imageId) : List.of();
        if (request.header(UPLOAD_DEFER_LENGTH) != null) {
            throw GlanceException.invalid("Upload-Defer-Length is not supported; send Upload-Length.");
        }
        long length = kind == TusUpload.Kind.FINAL ? -1 : headerNumber(request, UPLOAD_LENGTH);
        String metadata = request.header(UPLOAD_METADATA);
        if (metadata != null && metadata.length() > METADATA_LIMIT) {
            throw GlanceException.invalid("Upload-Metadata is longer than " + METADATA_LIMIT + " characters.");
        }
        boolean withUpload = request.hasBody();
        if (withUpload) {
            requireOffsetStream(request);
            if (kind == TusUpload.Kind.FINAL) {
                throw GlanceException.forbidden("A final upload takes no bytes of its own.");
            }
        }
        StatedDigest chunkDigest = withUpload ? chunkDigest(request) : null;
        Progress progress = tus.create(
                request.context(),
                imageId,
                new TusUploadService.Creation(
                        length,
                        kind,
                        partials,
                        metadata,
                        StatedDigestHeaders.of(exchange.getRequestHeaders()),
                        multipleStores ? request.header(ImageFileResource.STORE_HEADER) : null));
        String location = ApiRequest.hostUrl(exchange) + trimmed(exchange.getRequestPath()) + "/"
                + progress.upload().id();
        exchange.getResponseHeaders().put(Headers.LOCATION, location);
        if (withUpload && !progress.imageActive()) {
            progress = receive(request, progress.upload().id(), 0, chunkDigest);
            if (progress == null) {
                return;
            }
            exchange.getResponseHeaders().put(UPLOAD_OFFSET, progress.offset());
        }
        expires(exchange, progress.upload());
        exchange.setStatusCode(201);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, 0);
        exchange.endExchange();
    }

    private static String trimmed(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static TusUpload.Kind kindOf(String concat) {
        if (concat == null) {
            return TusUpload.Kind.WHOLE;
        }
        String value = concat.trim();
        if (value.equals("partial")) {
            return TusUpload.Kind.PARTIAL;
        }
        if (value.startsWith("final;")) {
            return TusUpload.Kind.FINAL;
        }
        throw GlanceException.invalid("Upload-Concat must be 'partial' or 'final;<upload URLs>'.");
    }

    /**
     * The ids of the partial uploads a final one names, as absolute or path URLs of uploads of this image
     * ({@code .../images/{image_id}/tus/{upload_id}}).
     */
    private static List<String> partialIds(String concat, String imageId) {
        List<String> ids = new ArrayList<>();
        for (String url : concat.trim().substring("final;".length()).trim().split("\\s+")) {
            if (url.isEmpty()) {
                continue;
            }
            String path = url.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*", "");
            String[] segments = path.split("/");
            int n = segments.length;
            if (n < 4
                    || !segments[n - 4].equals("images")
                    || !UrlCodec.decodeStrict(segments[n - 3], false).equals(imageId)
                    || !segments[n - 2].equals("tus")) {
                throw GlanceException.invalid(
                        "Upload-Concat names " + url + ", which is no upload of image " + imageId + ".");
            }
            ids.add(UrlCodec.decodeStrict(segments[n - 1], false));
        }
        if (ids.isEmpty()) {
            throw GlanceException.invalid("Upload-Concat: final names no partial upload.");
        }
        return ids;
    }

    // ---- head

    private void head(ApiRequest request) {
        Progress progress = tus.progress(request.context(), request.segment(1), request.segment(3));
        HttpServerExchange exchange = request.exchange();
        var headers = exchange.getResponseHeaders();
        TusUpload upload = progress.upload();
        if (progress.offset() >= 0) {
            headers.put(UPLOAD_OFFSET, progress.offset());
        }
        headers.put(UPLOAD_LENGTH, upload.length());
        if (upload.metadata() != null) {
            headers.put(UPLOAD_METADATA, upload.metadata());
        }
        if (upload.kind() == TusUpload.Kind.PARTIAL) {
            headers.put(UPLOAD_CONCAT, "partial");
        } else if (upload.kind() == TusUpload.Kind.FINAL) {
            String base = trimmed(exchange.getRequestPath());
            String prefix = base.substring(0, base.lastIndexOf('/') + 1);
            headers.put(
                    UPLOAD_CONCAT,
                    "final;"
                            + String.join(
                                    " ",
                                    upload.partials().stream()
                                            .map(id -> prefix + id)
                                            .toList()));
        }
        expires(exchange, upload);
        headers.put(Headers.CACHE_CONTROL, "no-store");
        exchange.setStatusCode(200);
        exchange.endExchange();
    }

    // ---- patch

    private void patch(ApiRequest request) {
        requireOffsetStream(request);
        long offset = headerNumber(request, UPLOAD_OFFSET);
        StatedDigest chunkDigest = chunkDigest(request);
        Progress progress = receive(request, request.segment(3), offset, chunkDigest);
        if (progress == null) {
            return;
        }
        HttpServerExchange exchange = request.exchange();
        exchange.getResponseHeaders().put(UPLOAD_OFFSET, progress.offset());
        expires(exchange, progress.upload());
        Responses.noContent(exchange);
    }

    /** Streams the body into the upload; null when the client went away (the connection is closed then). */
    private Progress receive(ApiRequest request, String uploadId, long offset, StatedDigest chunkDigest) {
        HttpServerExchange exchange = request.exchange();
        exchange.setMaxEntitySize(ApiRequest.NO_ENTITY_LIMIT); // the core bounds the bytes by the upload's length
        UploadBodyStream body = new UploadBodyStream(exchange.getRequestChannel(), ClientTimeout.nanos(exchange));
        ReceivedBytes.track(exchange, body);
        try {
            return tus.append(request.context(), request.segment(1), uploadId, offset, body, chunkDigest);
        } catch (RuntimeException e) {
            if (body.failure() != null) {
                exchange.setPersistent(false);
                IoUtils.safeClose(exchange.getConnection());
                return null;
            }
            throw e;
        }
    }

    private static void requireOffsetStream(ApiRequest request) {
        String contentType = request.header(Headers.CONTENT_TYPE);
        String mediaType = contentType == null ? null : contentType.split(";", 2)[0].trim();
        if (mediaType == null || !mediaType.toLowerCase(Locale.ROOT).equals(OFFSET_OCTET_STREAM)) {
            throw GlanceException.unsupportedMediaType("The request media type "
                    + (mediaType == null ? "" : mediaType + " ") + "is not supported by this server. A tus upload"
                    + " sends " + OFFSET_OCTET_STREAM + ".");
        }
    }

    /** {@code Upload-Checksum: <algorithm> <base64>}, or null; an algorithm not offered is 400. */
    private static StatedDigest chunkDigest(ApiRequest request) {
        String header = request.header(UPLOAD_CHECKSUM);
        if (header == null) {
            return null;
        }
        String[] parts = header.trim().split("\\s+");
        if (parts.length != 2) {
            throw GlanceException.invalid("Upload-Checksum must be '<algorithm> <base64 digest>'.");
        }
        String algorithm = parts[0].toLowerCase(Locale.ROOT);
        if (!CHECKSUMS.contains(algorithm)) {
            throw GlanceException.invalid("Upload-Checksum algorithm " + parts[0] + " is not supported; use one of "
                    + CHECKSUM_ALGORITHMS + ".");
        }
        try {
            return new StatedDigest(
                    algorithm,
                    Base64.getDecoder().decode(parts[1]),
                    UPLOAD_CHECKSUM.toString(),
                    algorithm,
                    StatedDigest.Encoding.BASE64);
        } catch (IllegalArgumentException e) {
            throw GlanceException.invalid("Upload-Checksum does not hold a base64 digest.");
        }
    }

    private static long headerNumber(ApiRequest request, HttpString name) {
        String value = request.header(name);
        if (value == null) {
            throw GlanceException.invalid(name + " is required.");
        }
        try {
            long number = Long.parseLong(value.trim());
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw GlanceException.invalid(name + " must be a non-negative integer.");
        }
    }

    private static void expires(HttpServerExchange exchange, TusUpload upload) {
        exchange.getResponseHeaders()
                .put(
                        UPLOAD_EXPIRES,
                        DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                upload.expiresAt().atZone(ZoneOffset.UTC)));
    }
}
