/**
 * The Glance Images API v2 over HTTP (Undertow and Jackson). The public surface is {@link
 * org.glance4j.http.GlanceHttpServer} with its {@link org.glance4j.http.HttpSettings}, {@link
 * org.glance4j.http.AuthMode} and {@link org.glance4j.http.ApiServices}; everything else is package-private.
 *
 * <p>A request goes through {@code ApiHandler}: request id, then version negotiation ({@code VersionNegotiation},
 * {@code VersionsResource}), then identity ({@code Identity}), then routing ({@code V2Router}) to one resource per
 * path ({@code ImagesResource}, {@code ImageResource}, {@code ImageTagsResource}, {@code SchemasResource}). Every
 * failure is rendered by {@code ErrorResponder}; {@code ErrorStatus} alone maps error categories to statuses.
 */
package org.glance4j.http;
