package org.glance4j.staging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/** File reads of the staging adapters where a missing file is an answer (empty), not an error. */
final class MissingFiles {
    /** Opens a file; throws {@link NoSuchFileException} when it is missing. */
    @FunctionalInterface
    interface Opener<T> {
        T open(Path path) throws IOException;
    }

    private MissingFiles() {}

    /** The size of {@code path}, empty when there is no such file. */
    static OptionalLong size(Path path) {
        try {
            return OptionalLong.of(Files.size(path));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code path} opened by {@code opener}, empty when there is no such file. */
    static <T> Optional<T> open(Path path, Opener<T> opener) {
        try {
            return Optional.of(opener.open(path));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
