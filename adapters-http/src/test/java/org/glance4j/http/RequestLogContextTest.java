package org.glance4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.glance4j.ports.out.WorkLogContext;
import org.junit.jupiter.api.Test;

/** The log context that the core's worker threads enter: per thread, nested, restored on close. */
class RequestLogContextTest {

    @Test
    void aWorkerThreadNamesItsRequestAndTaskUntilTheScopeClosesAndThenWhatItNamedBefore() {
        WorkLogContext workers = RequestLogContext.workerThreads();
        assertThat(RequestLogContext.requestId()).isNull();
        WorkLogContext.Scope outer = workers.enter("req-outer", "task-outer");
        try {
            assertThat(RequestLogContext.requestId()).isEqualTo("req-outer");
            assertThat(RequestLogContext.taskId()).isEqualTo("task-outer");
            WorkLogContext.Scope inner = workers.enter("req-inner", null);
            assertThat(RequestLogContext.requestId()).isEqualTo("req-inner");
            assertThat(RequestLogContext.taskId()).isNull();
            inner.close();
            assertThat(RequestLogContext.requestId()).isEqualTo("req-outer");
            assertThat(RequestLogContext.taskId()).isEqualTo("task-outer");
        } finally {
            outer.close();
        }
        assertThat(RequestLogContext.requestId()).isNull();
        assertThat(RequestLogContext.taskId()).isNull();
    }

    @Test
    void anotherThreadDoesNotSeeTheScope() throws InterruptedException {
        AtomicReference<String> seen = new AtomicReference<>("unset");
        WorkLogContext.Scope scope = RequestLogContext.workerThreads().enter("req-1", "task-1");
        try {
            Thread other = new Thread(() -> seen.set(RequestLogContext.requestId() + "/" + RequestLogContext.taskId()));
            other.start();
            other.join();
        } finally {
            scope.close();
        }
        assertThat(seen.get()).isEqualTo("null/null");
    }
}
