package org.glance4j.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.glance4j.ports.error.GlanceException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * Serialises the writes of this JVM onto one SQLite connection and commits them in groups.
 *
 * <p>SQLite allows one writer at a time, and with {@code synchronous=FULL} every commit waits for the disk. Callers
 * therefore hand their write to one writer thread and wait. That thread takes every write queued meanwhile (up to
 * {@link #MAX_GROUP}), runs each in its own savepoint inside one transaction and commits once, so one disk flush
 * serves the whole group. A write that fails is rolled back to its savepoint alone and its caller gets its
 * exception; the others are unaffected. Nobody learns of success before the commit: if the commit fails, every
 * write of the group fails with it.
 *
 * <p>A write callback runs on the writer thread and must not start another write.
 */
final class GroupCommitWriter implements AutoCloseable {
    /** The most writes one transaction carries, which bounds how long the last of them waits. */
    static final int MAX_GROUP = 64;

    private final Jdbi jdbi;
    private final BlockingQueue<PendingWrite<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    GroupCommitWriter(Jdbi jdbi, String name) {
        this.jdbi = jdbi;
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    <T> T write(HandleCallback<T, RuntimeException> work) {
        if (closed) {
            throw new IllegalStateException("the image database has been closed");
        }
        PendingWrite<T> pending = new PendingWrite<>(work);
        queue.add(pending);
        try {
            return pending.future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    private void loop() {
        List<PendingWrite<?>> group = new ArrayList<>(MAX_GROUP);
        while (true) {
            try {
                PendingWrite<?> first = queue.take();
                if (first.work == null) {
                    return; // the close marker
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                runGroup(group);
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
            } catch (RuntimeException | Error e) {
                for (PendingWrite<?> pending : group) {
                    pending.future.completeExceptionally(e);
                }
            } finally {
                group.clear();
            }
        }
    }

    private void runGroup(List<PendingWrite<?>> group) {
        boolean sawCloseMarker = group.removeIf(p -> p.work == null);
        try {
            jdbi.useHandle(handle -> runInOneTransaction(handle, group));
        } catch (RuntimeException e) {
            // The transaction as a whole failed (connection lost, commit refused): nothing of it is stored.
            for (PendingWrite<?> pending : group) {
                pending.failIfUnfinished(e);
            }
        }
        if (sawCloseMarker) {
            queue.add(new PendingWrite<>(null));
        }
    }

    private static void runInOneTransaction(Handle handle, List<PendingWrite<?>> group) {
        if (group.isEmpty()) {
            return;
        }
        boolean alone = group.size() == 1;
        handle.begin();
        boolean committed = false;
        try {
            List<PendingWrite<?>> succeeded = new ArrayList<>(group.size());
            for (PendingWrite<?> pending : group) {
                if (alone ? runAlone(pending, handle) : runInSavepoint(handle, pending)) {
                    succeeded.add(pending);
                }
            }
            handle.commit();
            committed = true;
            for (PendingWrite<?> pending : succeeded) {
                pending.publish();
            }
        } finally {
            if (!committed) {
                rollbackQuietly(handle);
            }
        }
    }

    /** A group of one needs no savepoint: if it fails, the whole transaction is rolled back. */
    private static boolean runAlone(PendingWrite<?> pending, Handle handle) {
        try {
            pending.run(handle);
            return true;
        } catch (RuntimeException e) {
            pending.fail(e);
            rollbackQuietly(handle);
            handle.begin();
            return false;
        }
    }

    /** Runs one write; on failure undoes it alone and records the failure. Returns whether it succeeded. */
    private static boolean runInSavepoint(Handle handle, PendingWrite<?> pending) {
        handle.execute("SAVEPOINT glance4j_write");
        try {
            pending.run(handle);
            handle.execute("RELEASE SAVEPOINT glance4j_write");
            return true;
        } catch (RuntimeException e) {
            // If undoing fails, the transaction is broken: that exception ends the whole group.
            handle.execute("ROLLBACK TO SAVEPOINT glance4j_write");
            handle.execute("RELEASE SAVEPOINT glance4j_write");
            pending.fail(e);
            return false;
        }
    }

    private static void rollbackQuietly(Handle handle) {
        try {
            handle.rollback();
        } catch (RuntimeException ignored) {
            // the original failure is what the callers need to see
        }
    }

    /** Lets the queued writes finish, then stops the writer thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(new PendingWrite<>(null));
        try {
            thread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (PendingWrite<?> left = queue.poll(); left != null; left = queue.poll()) {
            left.future.completeExceptionally(GlanceException.unavailable("the image database has been closed", null));
        }
    }

    /** One queued write, its result once committed, or its failure. */
    private static final class PendingWrite<T> {
        private final HandleCallback<T, RuntimeException> work;
        private final CompletableFuture<T> future = new CompletableFuture<>();
        private T result;
        private boolean failed;

        PendingWrite(HandleCallback<T, RuntimeException> work) {
            this.work = work;
        }

        void run(Handle handle) {
            result = work.withHandle(handle);
        }

        /** Called after the commit: the result is now durable. */
        void publish() {
            future.complete(result);
        }

        void fail(RuntimeException e) {
            failed = true;
            future.completeExceptionally(e);
        }

        void failIfUnfinished(RuntimeException e) {
            if (!failed) {
                fail(e);
            }
        }
    }
}
