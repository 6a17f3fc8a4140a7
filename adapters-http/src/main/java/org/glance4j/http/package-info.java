/**
 * The Glance Images API v2 over HTTP (Undertow and Jackson). The public surface is {@link
 * org.glance4j.http.GlanceHttpServer} with its {@link org.glance4j.http.HttpSettings}, {@link
 * org.glance4j.http.AuthMode} and {@link org.glance4j.http.ApiServices}; everything else is package-private.
 *
 * <p>A request goes through {@code ApiHandler}: request id, then version negotiation ({@code VersionNegotiation},
 * {@code VersionsResource}), then identity ({@code Identity}), then routing ({@code V2Router}) to one resource per
 * path ({@code ImagesResource}, {@code ImageResource}, {@code ImageTagsResource}, {@code SchemasResource},
 * {@code ImageFileResource}, {@code ImageActionsResource}). Every failure is rendered by {@code ErrorResponder};
 * {@code ErrorStatus} alone maps error categories to statuses.
 *
 * <p>Image data never sits in memory: an upload's body is read from the request channel by {@code UploadBodyStream}
 * as the core consumes it; a download's body goes out through {@code DownloadSender}, zero-copy (sendfile) when the
 * core hands over a {@link org.glance4j.ports.model.FileRegion}. {@code ByteRangeHeader} reads {@code Range} (and
 * the legacy {@code Content-Range} request header) as Glance does; {@code EntityTag} derives the {@code ETag} from
 * the image's hash and answers {@code If-None-Match} and {@code If-Range}; {@code LastModified} gives the date
 * validator and answers {@code If-Modified-Since}. A 304 does not open the image's data.
 *
 * <p>{@code CachePolicy} alone decides what caches may keep: every answer but the version document and the data of
 * active public images says {@code Cache-Control: no-store}; that data may be kept by shared caches that revalidate
 * it on every use (docs/caching-proxies.md).
 */
package org.glance4j.http;
