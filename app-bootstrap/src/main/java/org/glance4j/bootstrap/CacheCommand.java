package org.glance4j.bootstrap;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.glance4j.bootstrap.cli.CacheOptions;
import org.glance4j.bootstrap.cli.Progress;
import org.glance4j.bootstrap.config.CacheConfig;
import org.glance4j.bootstrap.config.ConfigException;
import org.glance4j.bootstrap.config.LoadedConfig;
import org.glance4j.bootstrap.wiring.ServerSettings;
import org.glance4j.core.cache.NodeImageCache;
import org.glance4j.core.settings.CacheSettings;
import org.glance4j.jdbc.JdbcRepositories;
import org.glance4j.ports.in.ImageCacheService.ClearTarget;
import org.glance4j.ports.in.ImageCacheService.Cleared;
import org.glance4j.ports.in.ImageCacheService.Pruned;
import org.glance4j.ports.model.CachedImage;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageStatus;
import org.glance4j.storage.cache.FileImageCache;

/**
 * {@code cache list|queue|delete|clear|prune|clean}: the node's image cache, managed from the command line with the
 * same files and database records the server uses, while it runs or not. Each run prints what it did.
 */
final class CacheCommand {

    private final PrintStream out;

    CacheCommand(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs the command.
     *
     * @return 0, or 1 when {@code queue} names an image that is not active
     * @throws ConfigException when the configuration has no image cache or does not parse
     */
    int run(CacheOptions options) {
        LoadedConfig loaded = CommandSettings.load(options.configFile());
        CacheConfig cache = loaded.cache();
        if (cache.directory().isEmpty()) {
            throw new ConfigException("this node has no image cache: [DEFAULT] image_cache_dir is not set"
                    + options.configFile().map(f -> " in " + f).orElse(" (no --config given)"));
        }
        ServerSettings settings = CommandSettings.resolve(loaded, options.configFile(), options.dataDir());
        String nodeId = NodeIdFile.readOrCreate(settings.dataDir());
        try (JdbcRepositories repositories = JdbcRepositories.open(settings.jdbc());
                NodeImageCache node = new NodeImageCache(
                        FileImageCache.open(cache.directory().get()),
                        repositories.cacheRecords(),
                        repositories.images(),
                        new CacheSettings(true, cache.maxSize(), cache.stallTime()),
                        nodeId,
                        Clock.systemUTC())) {
            return switch (options.command()) {
                case "list" -> list(node, nodeId);
                case "queue" -> queue(node, repositories, options.argument());
                case "delete" -> {
                    node.delete(options.argument());
                    out.println("removed image " + options.argument() + " from the cache and the queue");
                    yield 0;
                }
                case "clear" -> {
                    long started = System.nanoTime();
                    Cleared cleared = node.clear(ClearTarget.parse(options.argument()));
                    out.println("removed " + cleared.cacheDeleted() + " cached and " + cleared.queueDeleted()
                            + " queued images in " + Progress.secondsSince(started));
                    yield 0;
                }
                case "prune" -> {
                    long started = System.nanoTime();
                    Pruned pruned = node.prune();
                    out.println(
                            "pruned " + pruned.files() + " images, " + pruned.bytes() + " bytes (image_cache_max_size "
                                    + cache.maxSize() + ") in " + Progress.secondsSince(started));
                    yield 0;
                }
                case "clean" -> {
                    long started = System.nanoTime();
                    out.println("removed " + node.clean() + " stalled partial copies and copies of images no longer "
                            + "active in " + Progress.secondsSince(started));
                    yield 0;
                }
                default -> throw new IllegalStateException("unknown cache command " + options.command());
            };
        }
    }

    private int list(NodeImageCache node, String nodeId) {
        List<CachedImage> cached = node.cached();
        long bytes = 0;
        long hits = 0;
        out.println("cached images of node " + nodeId + " (least recently used first):");
        out.println(String.format(
                "%-36s %8s %-24s %-24s %14s", "image_id", "hits", "last_accessed", "last_modified", "size"));
        for (CachedImage image : cached) {
            out.println(String.format(
                    "%-36s %8d %-24s %-24s %14d",
                    image.imageId(),
                    image.hits(),
                    seconds(image.lastAccessed()),
                    seconds(image.lastModified()),
                    image.size()));
            bytes += image.size();
            hits += image.hits();
        }
        List<String> queued = node.queued();
        out.println("queued images (oldest first): " + (queued.isEmpty() ? "none" : String.join(" ", queued)));
        out.println("total: " + cached.size() + " images, " + bytes + " bytes, " + hits + " hits; " + queued.size()
                + " queued");
        return 0;
    }

    private int queue(NodeImageCache node, JdbcRepositories repositories, String imageId) {
        Image image =
                repositories.images().find(imageId).filter(i -> !i.isDeleted()).orElse(null);
        if (image == null || image.status() != ImageStatus.ACTIVE) {
            out.println("not queued: "
                    + (image == null
                            ? "there is no image " + imageId
                            : "only images with status active can be queued (image " + imageId + " is "
                                    + image.status().wireName() + ")"));
            return 1;
        }
        out.println(
                node.queue(imageId)
                        ? "queued image " + imageId + "; the server's prefetcher fetches it"
                        : "image " + imageId + " is cached or queued already");
        return 0;
    }

    private static String seconds(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
