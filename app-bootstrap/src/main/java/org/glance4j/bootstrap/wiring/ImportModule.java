package org.glance4j.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.nio.file.Path;
import org.glance4j.core.importing.ImportIo;
import org.glance4j.http.fetch.JdkWebSource;
import org.glance4j.staging.FileStagingArea;
import org.glance4j.staging.QemuImgTool;

/**
 * The import adapters: the staging directory ({@code [os_glance_staging_store] filesystem_store_datadir}),
 * {@code qemu-img} run on its files, and the JDK's HTTP client as web-download's source.
 */
public final class ImportModule extends AbstractModule {

    /** The qemu-img command image conversion runs, looked up on the {@code PATH}. */
    static final String QEMU_IMG = "qemu-img";

    private final Path stagingDir;

    public ImportModule(Path stagingDir) {
        this.stagingDir = stagingDir;
    }

    /** The part files of resumable (tus) uploads, in the staging directory's {@code tus} directory. */
    @Provides
    @Singleton
    org.glance4j.ports.out.tus.ResumablePartFiles resumablePartFiles() {
        return new org.glance4j.staging.FileResumablePartFiles(stagingDir.resolve("tus"));
    }

    /** Creates the staging directory when it is first asked for (only a server that imports asks). */
    @Provides
    @Singleton
    ImportIo importIo() {
        FileStagingArea staging = new FileStagingArea(stagingDir);
        return new ImportIo(staging, new JdkWebSource(), new QemuImgTool(staging, QEMU_IMG));
    }
}
