package org.glance4j.ports.out;

import java.time.Instant;
import java.util.List;

/**
 * The leases of the server nodes that share one database: each live node holds a lease that it renews well before
 * it ends, and a node whose lease has ended is taken for dead, so that one live node claims it and puts back the work
 * it left unfinished (its uploads, stages and imports).
 *
 * <p>Every call is atomic, also between processes on the same database; implementations are thread-safe and take
 * every time from the caller (never from their own clock), so the caller's clock decides what has ended. A lease
 * has at most one claim at a time: the claim that {@link #claim} grants lasts until its own end, or until the
 * claimant {@link #release releases} the lease once the dead node's work is put back.
 *
 * <p>Failures of the storage itself are thrown as {@code GlanceException} with category {@code UNAVAILABLE}.
 * Growth rule: add every new method to {@code NodeLeasesContractTest} in the same change.
 */
public interface NodeLeases {

    /**
     * One node's lease.
     *
     * @param nodeId         the node
     * @param expiresAt      when the lease ends unless renewed
     * @param claimedBy      the node putting back this node's work, or null when no node ever claimed it since it
     *                       was last registered
     * @param claimExpiresAt when that claim ends, or null without a claim
     */
    record Lease(String nodeId, Instant expiresAt, String claimedBy, Instant claimExpiresAt) {}

    /**
     * Starts (or starts again) the lease of {@code nodeId} until {@code expiresAt}, dropping an ended claim.
     *
     * @param now the caller's present time, to tell an ended claim from a running one
     * @return false, changing nothing, when another node's claim on this lease is still running (it is putting back
     *         this node's work right now): try again later
     */
    boolean register(String nodeId, Instant expiresAt, Instant now);

    /**
     * Moves the end of the lease of {@code nodeId} to {@code expiresAt}, whether or not it has already ended, as long
     * as nobody has claimed it.
     *
     * @return false, changing nothing, when the lease is unknown (a claimant released it) or has been claimed: the
     *         node's unfinished work is, or has been, put back by another node, and the node must
     *         {@link #register} again before it starts new work
     */
    boolean renew(String nodeId, Instant expiresAt);

    /**
     * The leases that ended before {@code now} and that nobody is claiming (no claim, or an ended one), oldest first.
     *
     * @return an empty list when every node is alive or already being recovered
     */
    List<Lease> expired(Instant now);

    /**
     * Claims the ended lease of {@code deadNodeId} for {@code claimant} until {@code claimExpiresAt}. Of any number
     * of nodes claiming the same lease at once, exactly one wins.
     *
     * @return true when the claim is granted; false, changing nothing, when the lease is unknown, has not ended
     *         before {@code now} (the node renewed in time), or another node's claim is still running
     */
    boolean claim(String deadNodeId, String claimant, Instant now, Instant claimExpiresAt);

    /**
     * Ends the lease of {@code deadNodeId} after {@code claimant} put back its work: the lease is removed, and the
     * node, should it still be alive, {@link #register registers} again.
     *
     * @return false, changing nothing, when {@code claimant} does not hold the claim (it ended and another node
     *         claimed the lease, or the node registered again)
     */
    boolean release(String deadNodeId, String claimant);
}
