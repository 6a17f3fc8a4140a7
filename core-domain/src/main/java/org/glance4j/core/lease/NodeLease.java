package org.glance4j.core.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;
import org.glance4j.ports.out.NodeLeases;

/**
 * This node's lease among the nodes sharing one database, and the recovery of the nodes whose lease ended.
 *
 * <p>The node {@link #register registers} at start, {@link #renew renews} every {@link #renewInterval()} (a third of
 * the lease, so two renewals may fail before the lease ends), and {@link #recoverDeadNodes looks} as often for
 * leases that ended: it claims each (exactly one live node wins a claim) and puts back the dead node's work through
 * the same code the dead node would run at its own restart, then releases the lease.
 *
 * <p>A node that is only late keeps its work as long as it renews before another node claims it. One that renews
 * too late finds its lease claimed: its running uploads then fail cleanly when they finish (the image is no longer
 * theirs), and the node registers again once the claimant released the lease.
 *
 * <p>The lease is counted on the clock of each node, so the nodes' clocks must agree to well within the lease.
 */
public final class NodeLease {

    private static final Logger LOG = Logger.getLogger(NodeLease.class.getName());

    /** What puts back the unfinished work of a node; the core's {@code recoverWorkOf}. */
    @FunctionalInterface
    public interface WorkRecovery {
        /** Puts back the unfinished work of {@code nodeId}; returns how many images it put back. */
        int recoverWorkOf(String nodeId);
    }

    /** The outcome of one {@link #renew()}. */
    public enum Renewal {
        /** The lease was still this node's and now lasts one lease more. */
        RENEWED,
        /** The lease had been claimed and released by another node; the node holds a new one. */
        REGISTERED_AGAIN,
        /** Another node is putting back this node's work right now; try again at the next renewal. */
        BEING_RECOVERED
    }

    private final NodeLeases leases;
    private final String nodeId;
    private final Duration length;
    private final Clock clock;
    private final WorkRecovery recovery;

    /**
     * @throws IllegalArgumentException when {@code length} is shorter than three milliseconds
     */
    public NodeLease(NodeLeases leases, String nodeId, Duration length, Clock clock, WorkRecovery recovery) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.length = Objects.requireNonNull(length, "length");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.recovery = Objects.requireNonNull(recovery, "recovery");
        if (length.toMillis() < 3) {
            throw new IllegalArgumentException("a node lease lasts at least 3 ms, not " + length);
        }
    }

    /** How often the node renews its lease and looks for dead nodes: a third of the lease. */
    public Duration renewInterval() {
        return length.dividedBy(3);
    }

    /** How long a claim on a dead node's lease lasts before another node may take it over. */
    Duration claimLength() {
        return length.multipliedBy(2);
    }

    /**
     * Starts this node's lease; call at start, before the node puts back its own unfinished work.
     *
     * @return false when another node is putting back this node's work right now: wait and call again (the claim
     *         ends after twice the lease at most)
     */
    public boolean register() {
        Instant now = clock.instant();
        return leases.register(nodeId, now.plus(length), now);
    }

    /** Moves the end of this node's lease one lease ahead, or registers again when another node took it. */
    public Renewal renew() {
        Instant now = clock.instant();
        if (leases.renew(nodeId, now.plus(length))) {
            return Renewal.RENEWED;
        }
        LOG.warning("The lease of glance4j node '" + nodeId + "' ended before it was renewed and another node "
                + "claimed it: uploads this node started before that fail when they finish");
        return leases.register(nodeId, now.plus(length), now) ? Renewal.REGISTERED_AGAIN : Renewal.BEING_RECOVERED;
    }

    /**
     * Claims every lease that ended (other than this node's own) and puts back that node's work.
     *
     * @return the nodes this call recovered, in order
     */
    public List<String> recoverDeadNodes() {
        List<String> recovered = new ArrayList<>();
        for (NodeLeases.Lease lease : leases.expired(clock.instant())) {
            if (lease.nodeId().equals(nodeId)) {
                continue; // this node is late itself; its next renewal tells whether someone claimed it
            }
            Instant now = clock.instant();
            if (!leases.claim(lease.nodeId(), nodeId, now, now.plus(claimLength()))) {
                continue; // it renewed in time, or another node won the claim
            }
            int images = recovery.recoverWorkOf(lease.nodeId());
            LOG.warning("glance4j node '" + lease.nodeId() + "' stopped renewing its lease (it ended at "
                    + lease.expiresAt() + "); node '" + nodeId + "' put back its unfinished work: " + images
                    + " image(s)");
            leases.release(lease.nodeId(), nodeId);
            recovered.add(lease.nodeId());
        }
        return recovered;
    }
}
