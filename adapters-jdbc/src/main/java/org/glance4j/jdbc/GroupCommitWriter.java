package org.glance4j.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * Serialises the writes of this JVM onto one SQLite connection and commits them in groups.
 *
 * <p>SQLite allows one writer at a time, and with {@code synchronous=FULL} every commit waits for the disk. Writers
 * therefore queue here; whoever holds the lock takes every queued write (up to {@link #MAX_GROUP}), runs each in
 * its own savepoint inside one transaction and commits once, so one disk flush serves the whole group. A write
 * that fails is rolled back to its savepoint alone and its caller gets its exception; the others are unaffected.
 * Nobody learns of success before the commit: if the commit fails, every write of the group fails with it.
 *
 * <p>A write callback must not start another write.
 */
final class GroupCommitWriter {
    /** The most writes one transaction carries, which bounds how long the last of them waits. */
    static final int MAX_GROUP = 64;

    private final Jdbi jdbi;
    private final ReentrantLock lock = new ReentrantLock();
    private final ConcurrentLinkedQueue<PendingWrite<?>> queue = new ConcurrentLinkedQueue<>();

    GroupCommitWriter(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    <T> T write(HandleCallback<T, RuntimeException> work) {
        PendingWrite<T> pending = new PendingWrite<>(work);
        queue.add(pending);
        while (!pending.isFinished()) {
            lock.lock();
            try {
                if (!pending.isFinished()) {
                    runGroup();
                }
            } finally {
                lock.unlock();
            }
        }
        return pending.outcome();
    }

    private void runGroup() {
        List<PendingWrite<?>> group = new ArrayList<>();
        for (PendingWrite<?> next = queue.poll(); next != null; next = group.size() < MAX_GROUP ? queue.poll() : null) {
            group.add(next);
        }
        if (group.isEmpty()) {
            return;
        }
        try {
            jdbi.useHandle(handle -> runInOneTransaction(handle, group));
        } catch (RuntimeException e) {
            // The transaction as a whole failed (connection lost, commit refused): nothing of it is stored.
            for (PendingWrite<?> pending : group) {
                pending.failIfUnfinished(e);
            }
        }
    }

    private static void runInOneTransaction(Handle handle, List<PendingWrite<?>> group) {
        handle.begin();
        boolean committed = false;
        try {
            List<PendingWrite<?>> succeeded = new ArrayList<>(group.size());
            for (PendingWrite<?> pending : group) {
                if (runInSavepoint(handle, pending)) {
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

    /** One queued write, its result once committed, or its failure. */
    private static final class PendingWrite<T> {
        private final HandleCallback<T, RuntimeException> work;
        private T result;
        private RuntimeException failure;
        private volatile boolean finished;

        PendingWrite(HandleCallback<T, RuntimeException> work) {
            this.work = work;
        }

        void run(Handle handle) {
            result = work.withHandle(handle);
        }

        /** Called after the commit: the result is now durable. */
        void publish() {
            finished = true;
        }

        void fail(RuntimeException e) {
            failure = e;
            finished = true;
        }

        void failIfUnfinished(RuntimeException e) {
            if (!finished) {
                result = null;
                fail(e);
            }
        }

        boolean isFinished() {
            return finished;
        }

        T outcome() {
            if (failure != null) {
                throw failure;
            }
            return result;
        }

    }
}
