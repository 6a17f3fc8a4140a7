package org.glance4j.bench.jmh;

import java.util.Set;
import org.glance4j.ports.model.RequestContext;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How every benchmark here runs, stated once (JMH's annotations are inherited): one state per benchmark, the
 * average time of a call, 3 warm-up and 5 measured iterations of 2 s each, in one forked JVM with a 256 MiB heap.
 * A benchmark states only its {@code @OutputTimeUnit}, the unit its numbers read best in.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx256m"})
public abstract class BenchmarkDefaults {

    /** A member (and reader) of project {@code project}. */
    static final RequestContext MEMBER = new RequestContext("req-jmh", "user", "project", Set.of("member", "reader"));
}
