package org.glance4j.ports.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The signal that nobody waits for a request's answer any more (the client closed its connection). The inbound
 * adapter that notices it calls {@link #cancel()}; an outbound adapter doing slow work for the request registers,
 * for the time of that work, how to stop it ({@link #onCancel}), for example cancelling a running database
 * statement. Thread-safe: {@link #cancel()} typically runs on another thread than the work.
 *
 * <p>Cancelling is a request, not a guarantee: work that cannot be stopped simply finishes, and its answer is
 * thrown away. Work that is stopped fails with an {@link org.glance4j.ports.error.GlanceException} of category
 * {@code UNAVAILABLE}, which nobody reads.
 */
public final class Cancellation {
    private static final Cancellation NEVER = new Cancellation(false);

    private final boolean cancellable;
    private final List<Action> actions = new ArrayList<>();
    private boolean cancelled;

    private Cancellation(boolean cancellable) {
        this.cancellable = cancellable;
    }

    /** A signal that can be cancelled once. */
    public static Cancellation create() {
        return new Cancellation(true);
    }

    /** The signal of a request that is never cancelled (embedders, tests, background work). */
    public static Cancellation never() {
        return NEVER;
    }

    /** Whether {@link #cancel()} was called. */
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /**
     * Cancels: runs every registered action once, in the calling thread, in the order of registration. Later calls
     * do nothing. On {@link #never()} this does nothing either. An action that throws does not keep the others from
     * running.
     */
    public void cancel() {
        List<Action> toRun;
        synchronized (this) {
            if (!cancellable || cancelled) {
                return;
            }
            cancelled = true;
            toRun = List.copyOf(actions);
        }
        for (Action action : toRun) {
            action.run();
        }
    }

    /**
     * Registers {@code action} to run when the request is cancelled, until the returned registration is closed. If
     * the request is already cancelled, {@code action} runs at once, in the calling thread. Closing the registration
     * waits for the action if it is running at that moment, so that after {@link Registration#close()} returns, the
     * action neither runs nor will run (what it stops can then be reused safely, a pooled connection for example).
     */
    public Registration onCancel(Runnable action) {
        Action registered = new Action(action);
        boolean runNow;
        synchronized (this) {
            runNow = cancelled;
            if (!runNow && cancellable) {
                actions.add(registered);
            }
        }
        if (runNow) {
            registered.run();
        }
        return () -> {
            synchronized (this) {
                actions.remove(registered);
            }
            registered.retire();
        };
    }

    /** A registered action; closing it unregisters the action. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        /** Unregisters; returns once a running action has finished. Never throws. */
        @Override
        void close();
    }

    /** Runs at most once, never after {@link #retire()}, and {@link #retire()} waits for a run in progress. */
    private static final class Action {
        private final Runnable body;
        private boolean done;

        Action(Runnable body) {
            this.body = body;
        }

        synchronized void run() {
            if (done) {
                return;
            }
            done = true;
            try {
                body.run();
            } catch (RuntimeException ignored) {
                // cancelling is best effort: the work then simply finishes
            }
        }

        synchronized void retire() {
            done = true;
        }
    }
}
