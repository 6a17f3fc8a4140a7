package org.glance4j.bootstrap;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.glance4j.bootstrap.cli.VerifyOptions;
import org.glance4j.bootstrap.config.CacheConfig;
import org.glance4j.bootstrap.config.ConfigException;
import org.glance4j.bootstrap.config.LoadedConfig;
import org.glance4j.bootstrap.wiring.GlanceModule;
import org.glance4j.bootstrap.wiring.OpenStores;
import org.glance4j.bootstrap.wiring.Operations;
import org.glance4j.bootstrap.wiring.RepositoryCloser;
import org.glance4j.bootstrap.wiring.ServerSettings;
import org.glance4j.bootstrap.wiring.StoreTypes;
import org.glance4j.core.GlanceCore;
import org.glance4j.ports.in.ImageVerificationService;
import org.glance4j.ports.model.ImageVerification;
import org.glance4j.ports.out.ImageVerificationRepository;

/**
 * {@code images verify}: re-reads the stored copies of images with the database and stores of the node's
 * configuration (the server may be running), printing one line per copy and a summary; or, with
 * {@code --report}, prints the recorded results.
 */
final class VerifyCommand {
    private static final long MIB = 1024 * 1024;

    private final PrintStream out;

    VerifyCommand(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs the command.
     *
     * @return 0 when every copy verified (or reported) is ok, 1 otherwise
     * @throws ConfigException when the configuration does not parse
     * @throws IllegalStateException when the database or a store cannot be opened
     */
    int run(VerifyOptions options) {
        LoadedConfig loaded = CommandSettings.load(options.configFile());
        ServerSettings settings = CommandSettings.resolve(loaded, options.configFile(), options.dataDir());
        Injector injector = Guice.createInjector(
                Stage.DEVELOPMENT,
                new GlanceModule(
                        settings,
                        Optional.empty(),
                        StoreTypes.load(loaded.pluginDirs()),
                        CacheConfig.off(),
                        Operations.none()));
        try (RepositoryCloser repositories = part(injector, RepositoryCloser.class)) {
            if (options.report()) {
                return report(
                        part(injector, ImageVerificationRepository.class),
                        options.status().map(ImageVerification.Status::fromWire).orElse(null));
            }
            try (OpenStores stores = part(injector, OpenStores.class);
                    GlanceCore core = part(injector, GlanceCore.class)) {
                long rate = options.rateMib().orElse(loaded.operations().verifyRateMib());
                return verify(
                        core.verification(),
                        new ImageVerificationService.Scope(
                                options.storeId().orElse(null),
                                options.imageId().orElse(null)),
                        rate);
            }
        }
    }

    private int verify(ImageVerificationService verification, ImageVerificationService.Scope scope, long rateMib) {
        long start = System.nanoTime();
        ImageVerificationService.Summary summary = verification.verify(scope, rateMib * MIB, this::print);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.println(String.format(
                java.util.Locale.ROOT,
                "verified %d copies, %.1f MiB in %.1f s: %s",
                summary.total(),
                summary.bytesRead() / (double) MIB,
                seconds,
                counts(summary)));
        return summary.allOk() ? 0 : 1;
    }

    private int report(ImageVerificationRepository results, ImageVerification.Status status) {
        List<ImageVerification> latest = results.latest(status);
        latest.forEach(this::print);
        long bad = latest.stream()
                .filter(r -> r.status() != ImageVerification.Status.OK)
                .count();
        out.println(latest.size() + " copies recorded, " + bad + " not ok");
        return bad == 0 ? 0 : 1;
    }

    private void print(ImageVerification result) {
        out.println(String.format(
                        "%-10s %-36s %-16s %s %s",
                        result.status().wireName(),
                        result.imageId(),
                        result.storeId(),
                        result.checkedAt(),
                        result.detail())
                .stripTrailing());
    }

    private static String counts(ImageVerificationService.Summary summary) {
        StringBuilder text = new StringBuilder();
        summary.counts()
                .forEach((status, count) -> text.append(text.length() == 0 ? "" : ", ")
                        .append(status.wireName())
                        .append(' ')
                        .append(count));
        return text.toString();
    }

    /** A part of the injector; a failure to build it is the cause's own exception (a config or start problem). */
    private static <T> T part(Injector injector, Class<T> type) {
        try {
            return injector.getInstance(type);
        } catch (ProvisionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
