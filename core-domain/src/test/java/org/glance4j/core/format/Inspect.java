package org.glance4j.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helpers: inspect bytes or files the ways the server does, strictly (a probe bug fails the test). */
final class Inspect {
    private Inspect() {}

    /** Streams the bytes through an {@link InspectingInputStream} in reads of {@code chunk} bytes. */
    static InspectionResult bytes(byte[] data, int chunk) {
        try (InspectingInputStream in = new InspectingInputStream(new ByteArrayInputStream(data), true)) {
            drain(in, chunk);
            return in.result();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InspectionResult bytes(byte[] data) {
        return bytes(data, 65536);
    }

    /** Streams a file, and checks that path inspection and reads of odd sizes agree with it. */
    static InspectionResult file(Path file) {
        InspectionResult streamed;
        try (InspectingInputStream in = new InspectingInputStream(Files.newInputStream(file), true)) {
            drain(in, 65536);
            streamed = in.result();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
            assertThat(FormatInspectors.inspect(channel, true))
                    .as("path inspection of %s", file)
                    .isEqualTo(streamed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return streamed;
    }

    static void drain(InputStream in, int chunk) throws IOException {
        byte[] buffer = new byte[chunk];
        while (in.read(buffer, 0, chunk) >= 0) {
            // inspected as it passes
        }
    }
}
