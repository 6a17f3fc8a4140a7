package org.glance4j.bootstrap;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * The clean stop on SIGTERM or Ctrl-C, registered before anything starts: a signal that arrives while the server is
 * still starting (or just after it announced itself) waits for the start to finish, then closes what it opened.
 * Registering the hook only once the server listened left a window in which the signal found no hook, and the late
 * registration then failed with "Shutdown in progress".
 */
final class StopOnSignal {

    /** How long a signal waits for a start in progress before the JVM is let go anyway. */
    private static final long START_WAIT_SECONDS = 120;

    private final AtomicReference<GlanceApplication> application = new AtomicReference<>();
    private final CountDownLatch startFinished = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    private StopOnSignal() {}

    /** Registers the shutdown hook; call it before starting anything. */
    static StopOnSignal install() {
        StopOnSignal stop = new StopOnSignal();
        Runtime.getRuntime().addShutdownHook(new Thread(stop::stop, "glance4j-shutdown"));
        return stop;
    }

    /** The start is over: {@code started} is the running server, or null when there is none to stop. */
    void startFinished(GlanceApplication started) {
        application.set(started);
        startFinished.countDown();
    }

    /** Blocks the main thread until the shutdown hook closed the server. */
    void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stop() {
        try {
            if (!startFinished.await(START_WAIT_SECONDS, TimeUnit.SECONDS)) {
                System.err.println("glance4j: stopping while the start is still running");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        GlanceApplication running = application.get();
        if (running == null) {
            return;
        }
        running.close();
        // java.util.logging resets its handlers in its own shutdown hook, so this line goes out directly.
        LogRecord stoppedLine =
                new LogRecord(Level.INFO, "glance4j stopped: HTTP closed, then the stores and the database");
        stoppedLine.setLoggerName(Main.class.getName());
        System.err.print(LogFormats.formatter().format(stoppedLine));
        stopped.countDown();
    }
}
