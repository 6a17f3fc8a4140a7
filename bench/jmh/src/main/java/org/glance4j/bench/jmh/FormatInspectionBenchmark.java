package org.glance4j.bench.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.glance4j.core.format.InspectingInputStream;
import org.glance4j.core.format.InspectionResult;
import org.glance4j.ports.testing.store.RepeatingStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Format inspection while streaming: {@code sizeMiB} of bytes read through {@link InspectingInputStream} (every
 * format's probe looks at the headers as they pass), next to the same bytes read without it. The difference is what
 * inspection adds to every upload of a bare image; it should be small and not grow with the size.
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FormatInspectionBenchmark extends BenchmarkDefaults {

    private static final int MIB = 1 << 20;

    @Param({"1", "64"})
    public int sizeMiB;

    private final byte[] block = new byte[MIB];
    private final byte[] buffer = new byte[64 * 1024];

    @Setup
    public void setUp() {
        new Random(11).nextBytes(block);
    }

    @Benchmark
    public InspectionResult inspectWhileReading() throws IOException {
        try (InspectingInputStream in = new InspectingInputStream(new RepeatingStream(block, (long) sizeMiB * MIB))) {
            drain(in);
            return in.result();
        }
    }

    @Benchmark
    public long readWithoutInspection() throws IOException {
        try (InputStream in = new RepeatingStream(block, (long) sizeMiB * MIB)) {
            return drain(in);
        }
    }

    private long drain(InputStream in) throws IOException {
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            total += n;
        }
        return total;
    }
}
