package org.glance4j.bootstrap.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.glance4j.ports.model.ImageVerification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code glance4j images verify [--store ID] [--image ID] [--rate MIB] | --report [--status S]}. */
@Command(
        name = "verify",
        sortOptions = false,
        description = {
            "Re-reads the stored copies of the active and deactivated images and checks them.",
            "",
            "All images, those in one store, or one image: each copy is read through its store and compared with the size,",
            "checksum (md5) and os_hash_value the image records. Prints one line per copy (ok, missing, short, corrupted or",
            "unreadable) and a summary, records the results in the database and repairs nothing. Exit status 0 when every",
            "copy is ok, 1 when one is not. --report prints the last recorded result of every copy instead",
            "(GET /v2/verification)."
        })
public final class ImagesVerifyCommand extends NodeCommand<VerifyOptions> {

    @Option(
            names = "--store",
            paramLabel = "ID",
            converter = GivenText.class,
            description = "Only the copies in this store.")
    String store;

    @Option(names = "--image", paramLabel = "ID", converter = GivenText.class, description = "Only this image.")
    String image;

    @Option(
            names = "--rate",
            paramLabel = "MIB",
            converter = RateMib.class,
            description = "Read at most MIB MiB per second on average (0: no limit; default: [DEFAULT] "
                    + "image_verify_rate_mib, 50).")
    Long rate;

    @Option(names = "--report", description = "Print the recorded results, verify nothing.")
    boolean report;

    @Option(
            names = "--status",
            paramLabel = "STATUS",
            converter = VerificationStatus.class,
            completionCandidates = VerificationStatus.class,
            description = "With --report: only ${COMPLETION-CANDIDATES}.")
    String status;

    /** A command that hands its options to {@code action}, which returns the exit status. */
    public ImagesVerifyCommand(ToIntFunction<VerifyOptions> action) {
        super(action);
    }

    @Override
    protected VerifyOptions options() {
        if (report && (store != null || image != null || rate != null)) {
            throw new ParameterException(spec.commandLine(), "--report takes no --store, --image or --rate");
        }
        if (!report && status != null) {
            throw new ParameterException(spec.commandLine(), "--status goes with --report");
        }
        return new VerifyOptions(
                Optional.ofNullable(store),
                Optional.ofNullable(image),
                Optional.ofNullable(rate),
                report,
                Optional.ofNullable(status),
                node.dataDir(),
                node.configFile(),
                false);
    }

    /** A rate in whole MiB per second, 0 to 1048576. */
    static final class RateMib implements picocli.CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            long rate;
            try {
                rate = Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "--rate takes a whole number of MiB per second, not '" + text + "'");
            }
            if (rate < 0 || rate > 1_048_576) {
                throw new picocli.CommandLine.TypeConversionException(
                        "--rate must be between 0 (no limit) and 1048576 MiB/s");
            }
            return rate;
        }
    }

    /** One of the statuses a verification records ({@link ImageVerification.Status}), by its wire name. */
    static final class VerificationStatus implements picocli.CommandLine.ITypeConverter<String>, Iterable<String> {
        private static final List<String> NAMES = Arrays.stream(ImageVerification.Status.values())
                .map(ImageVerification.Status::wireName)
                .toList();

        @Override
        public String convert(String text) {
            if (!NAMES.contains(text)) {
                throw new picocli.CommandLine.TypeConversionException("--status takes "
                        + String.join(", ", NAMES.subList(0, NAMES.size() - 1)) + " or " + NAMES.get(NAMES.size() - 1)
                        + ", not '" + text + "'");
            }
            return text;
        }

        /** The names, for the help. */
        @Override
        public Iterator<String> iterator() {
            return NAMES.iterator();
        }
    }
}
