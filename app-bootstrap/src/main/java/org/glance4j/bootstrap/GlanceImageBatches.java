package org.glance4j.bootstrap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.BulkAddResult;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.ImageWithMembers;
import org.glance4j.ports.out.ImageRepository;

/**
 * The write side of {@code db import-glance}: collects the images read from Glance into batches and stores each
 * batch with one {@link ImageRepository#addAllAbsent} (one transaction), counting into the summary what was copied
 * and what was already there. One batch is written on a thread of its own while the caller reads the next, so at
 * most two batches are held. When a batch fails, its images are written one by one, so that an image the database
 * refuses is reported with its id and the others are still copied. With no repository (a dry run) it only counts,
 * as if glance4j's database were empty. Only the caller's thread touches the summary.
 */
final class GlanceImageBatches implements AutoCloseable {
    /** Images per transaction: few commits (and so little rewriting of index pages), and still small to hold. */
    static final int BATCH_SIZE = 5_000;

    private final ImageRepository images;
    private final GlanceImportCommand.Summary summary;
    private final int batchSize;
    private final AlreadyThere alreadyThere;
    private final ExecutorService writer;
    private List<ImageWithMembers> pending = new ArrayList<>();
    private CompletableFuture<Written> inFlight;

    /** What to do with an image a batch left alone because its id was already stored. */
    @FunctionalInterface
    interface AlreadyThere {
        /**
         * @param entry            the image as read from Glance, with its memberships
         * @param membersJustAdded ids of the members of {@code entry} that the batch has just stored
         */
        void handle(ImageWithMembers entry, Set<String> membersJustAdded);
    }

    /** What the write of one batch did: the results of its calls, and the images that failed with why. */
    private record Written(List<ImageWithMembers> batch, List<BulkAddResult> results, Map<String, String> failures) {}

    GlanceImageBatches(
            ImageRepository images, GlanceImportCommand.Summary summary, int batchSize, AlreadyThere alreadyThere) {
        this.images = images;
        this.alreadyThere = alreadyThere;
        this.summary = summary;
        this.batchSize = batchSize;
        this.writer = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "glance4j-import-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues one image; hands the batch to the writer when it is full (after the previous one is written). */
    void add(ImageWithMembers entry) {
        pending.add(entry);
        if (pending.size() >= batchSize) {
            startWriting();
        }
    }

    /** Writes what is queued and waits until everything handed over is written and counted. */
    void finish() {
        startWriting();
        awaitInFlight();
    }

    private void startWriting() {
        awaitInFlight();
        if (pending.isEmpty()) {
            return;
        }
        List<ImageWithMembers> batch = pending;
        pending = new ArrayList<>();
        inFlight = CompletableFuture.supplyAsync(() -> write(batch), writer);
    }

    private void awaitInFlight() {
        if (inFlight == null) {
            return;
        }
        Written written;
        try {
            written = inFlight.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        } finally {
            inFlight = null;
        }
        count(written);
    }

    private Written write(List<ImageWithMembers> batch) {
        if (images == null) {
            return new Written(
                    batch,
                    List.of(new BulkAddResult(
                            batch.stream().map(e -> e.image().id()).toList(),
                            List.of(),
                            batch.stream().flatMap(e -> e.members().stream()).toList())),
                    Map.of());
        }
        try {
            return new Written(batch, List.of(images.addAllAbsent(batch)), Map.of());
        } catch (GlanceException batchFailure) {
            List<BulkAddResult> results = new ArrayList<>();
            Map<String, String> failures = new LinkedHashMap<>();
            for (ImageWithMembers entry : batch) {
                try {
                    results.add(images.addAllAbsent(List.of(entry)));
                } catch (GlanceException e) {
                    failures.put(entry.image().id(), e.getMessage());
                }
            }
            return new Written(batch, results, failures);
        }
    }

    private void count(Written written) {
        Map<String, ImageWithMembers> byId = new HashMap<>();
        written.batch().forEach(entry -> byId.put(entry.image().id(), entry));
        for (BulkAddResult result : written.results()) {
            for (String id : result.added()) {
                Image image = byId.get(id).image();
                summary.imagesCopied++;
                summary.properties += image.properties().size();
                summary.tags += image.tags().size();
                summary.locations += image.locations().size();
            }
            summary.members += result.membersAdded().size();
            Map<String, Set<String>> membersAdded = new HashMap<>();
            result.membersAdded()
                    .forEach(member -> membersAdded
                            .computeIfAbsent(member.imageId(), k -> new HashSet<>())
                            .add(member.memberId()));
            for (String id : result.alreadyPresent()) {
                alreadyThere.handle(byId.get(id), membersAdded.getOrDefault(id, Set.of()));
            }
        }
        written.failures().forEach((id, message) -> {
            summary.imagesFailed++;
            summary.problem(id, "not copied: " + message);
        });
    }

    /** Stops the writer thread; a batch still being written (after a failure of the reader) is finished first. */
    @Override
    public void close() {
        writer.shutdown();
    }
}
