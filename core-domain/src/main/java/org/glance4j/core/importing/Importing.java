package org.glance4j.core.importing;

import org.glance4j.core.data.ImageStores;
import org.glance4j.core.data.UploadConversion;
import org.glance4j.core.image.ImageServiceParts;
import org.glance4j.core.quota.UnifiedLimits;
import org.glance4j.core.settings.DataSettings;
import org.glance4j.core.settings.ImportSettings;
import org.glance4j.ports.in.ImportService;
import org.glance4j.ports.out.TaskRepository;
import org.glance4j.ports.out.WorkLogContext;
import org.glance4j.ports.out.importing.StagingArea;

/**
 * The import machinery of one core: the staging area, the bounded import executor, the import service and the
 * start-up recovery. Closing it stops the executor (running imports fail cleanly).
 */
public final class Importing implements AutoCloseable {

    private final StagingArea staging;
    private final ImportExecutor executor;
    private final DefaultImportService service;
    private final ImportRecovery recovery;

    /**
     * With {@code limits} checked on stage and import ({@link UnifiedLimits#off()} for none), and the import threads
     * naming each import's request and task through {@code logContext} ({@link WorkLogContext#none()} for nothing).
     *
     * @throws IllegalStateException when {@code io} lacks a port the settings need
     */
    public Importing(
            ImageServiceParts parts,
            TaskRepository tasks,
            ImageStores stores,
            DataSettings data,
            ImportSettings settings,
            ImportIo io,
            StagedImageInspector inspector,
            UnifiedLimits limits,
            WorkLogContext logContext) {
        if (io.web() == null && settings.enabledMethods().contains("web-download")) {
            throw new IllegalStateException("web-download is enabled but the core was given no web source");
        }
        if (io.tool() == null && settings.plugins().contains("image_conversion")) {
            throw new IllegalStateException("image_conversion is enabled but the core was given no disk image tool");
        }
        this.staging = io.staging();
        this.executor = new ImportExecutor(settings.taskPoolThreads(), logContext);
        this.service = new DefaultImportService(parts, tasks, stores, data, settings, io, executor, inspector, limits);
        this.recovery = new ImportRecovery(
                new ImportRecords(parts.images(), parts.time()),
                tasks,
                staging,
                data.nodeId(),
                settings.taskTimeToLiveHours());
    }

    public ImportService service() {
        return service;
    }

    /**
     * The conversion of uploads to a store that wants another disk format (the staging area and the disk image
     * tool); null when the core was given no disk image tool.
     */
    public UploadConversion uploadConversion() {
        return service.uploadConversion();
    }

    public StagingArea staging() {
        return staging;
    }

    /** How many imports run right now. */
    public int running() {
        return executor.active();
    }

    /** Fails the imports and stages this node left unfinished; returns how many. */
    public int recover() {
        return recovery.recover();
    }

    /** Fails the imports and stages the node {@code nodeId} left unfinished; returns how many. */
    public int recover(String nodeId) {
        return recovery.recover(nodeId);
    }

    @Override
    public void close() {
        executor.close();
    }
}
