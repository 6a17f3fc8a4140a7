package org.glance4j.core.quota;

import java.util.HashMap;
import java.util.Map;

/**
 * What the uploads now running on this node hold against {@code image_size_total}, per project, so that
 * concurrent uploads cannot together go past the limit by more than one image.
 *
 * <p>Each running upload holds the larger of its declared size and the bytes it has streamed so far. The
 * project's estimate is the stored bytes measured at the last check, plus the bytes of uploads finished since,
 * plus what the running ones hold (an image deleted meanwhile only makes it too high). The first upload whose bytes
 * take the estimate past the limit may finish (as one upload alone may in Glance, which checks only before the
 * work); any other that grows past the limit while uploads of the project are still running is refused. The
 * ledger of a project is dropped when none of its uploads runs.
 */
final class InFlightUploads {

    private final Map<String, Ledger> ledgers = new HashMap<>();

    /** One project's running uploads: the bytes guarded by its own monitor, {@code running} by the map's. */
    static final class Ledger {
        private long measuredBytes;
        private long settledBytes;
        private long heldBytes;
        private int running;
        /** The upload allowed to finish past the limit; null while none went past it. */
        private Upload overshooter;

        private final String projectId;

        private Ledger(String projectId) {
            this.projectId = projectId;
        }
    }

    /** One running upload. */
    final class Upload implements AutoCloseable {
        private final Ledger ledger;
        private final long limitBytes;
        private final long declared;
        private long streamed;
        private long held;
        private boolean done;

        private Upload(Ledger ledger, long limitBytes, long declared) {
            this.ledger = ledger;
            this.limitBytes = limitBytes;
            this.declared = declared;
        }

        /**
         * Counts {@code bytes} more of this upload.
         *
         * @return false when they take the project past the limit while another upload is the one allowed past it
         */
        boolean grow(long bytes) {
            synchronized (ledger) {
                streamed += bytes;
                long now = Math.max(declared, streamed);
                if (now > held) {
                    ledger.heldBytes += now - held;
                    held = now;
                }
                if (limitBytes < 0 || estimate(ledger) <= limitBytes) {
                    return true;
                }
                if (ledger.overshooter == null) {
                    ledger.overshooter = this;
                }
                return ledger.overshooter == this;
            }
        }

        /** The project's estimate without this upload, and what this upload holds. */
        long[] usageAndOwn() {
            synchronized (ledger) {
                return new long[] {estimate(ledger) - held, held};
            }
        }

        /** The upload is stored with {@code bytes}: they now count as stored. */
        void stored(long bytes) {
            synchronized (ledger) {
                if (done) {
                    return;
                }
                ledger.settledBytes += bytes;
                finish(false);
            }
            leave(ledger);
        }

        /** Ends the upload; one that was not stored releases what it held. */
        @Override
        public void close() {
            synchronized (ledger) {
                if (done) {
                    return;
                }
                finish(true);
            }
            leave(ledger);
        }

        private void finish(boolean failed) {
            done = true;
            ledger.heldBytes -= held;
            held = 0;
            if (failed && ledger.overshooter == this) {
                ledger.overshooter = null;
            }
        }
    }

    private void leave(Ledger ledger) {
        synchronized (ledgers) {
            ledger.running--;
            if (ledger.running == 0) {
                ledgers.remove(ledger.projectId, ledger);
            }
        }
    }

    /** The ledger a check saw before it measured the stored bytes, and its settled bytes then. */
    record Snapshot(Ledger ledger, long heldBytes, long settledBytes) {}

    private static long estimate(Ledger ledger) {
        return ledger.measuredBytes + ledger.settledBytes + ledger.heldBytes;
    }

    /** What the running uploads of the project hold now, taken before a check measures the stored bytes. */
    Snapshot beforeMeasure(String projectId) {
        Ledger ledger;
        synchronized (ledgers) {
            ledger = ledgers.get(projectId);
        }
        if (ledger == null) {
            return new Snapshot(null, 0, 0);
        }
        synchronized (ledger) {
            return new Snapshot(ledger, ledger.heldBytes, ledger.settledBytes);
        }
    }

    /**
     * Starts an upload after a check that measured {@code storedBytes} in the repository: the bytes settled before
     * the measure are in it now, and leave the estimate (those settled since may count twice, which only errs
     * towards refusing).
     */
    Upload start(String projectId, Snapshot before, long storedBytes, long limitBytes, long declared) {
        Ledger ledger;
        synchronized (ledgers) {
            ledger = ledgers.computeIfAbsent(projectId, Ledger::new);
            ledger.running++;
        }
        synchronized (ledger) {
            ledger.measuredBytes = storedBytes;
            if (before.ledger() == ledger) {
                ledger.settledBytes -= before.settledBytes();
            }
            Upload upload = new Upload(ledger, limitBytes, Math.max(0, declared));
            upload.held = upload.declared;
            ledger.heldBytes += upload.held;
            return upload;
        }
    }
}
