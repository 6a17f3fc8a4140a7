package org.glance4j.ports.testing;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.out.NodeLeases;

/**
 * {@link NodeLeases} in a map of this process, for tests and embedders (module {@code glance4j-adapters-memory}):
 * it keeps the promises of the port as the contract kit {@code NodeLeasesContractTest} checks them, but only among
 * the threads of one process, and forgets everything when dropped. Thread-safe: every method holds the lock of
 * the instance.
 */
public final class InMemoryNodeLeases implements NodeLeases {

    private final Map<String, Lease> leases = new LinkedHashMap<>();

    @Override
    public synchronized boolean register(String nodeId, Instant expiresAt, Instant now) {
        Lease current = leases.get(nodeId);
        if (current != null && claimRunning(current, now)) {
            return false;
        }
        leases.put(nodeId, new Lease(nodeId, expiresAt, null, null));
        return true;
    }

    @Override
    public synchronized boolean renew(String nodeId, Instant expiresAt) {
        Lease current = leases.get(nodeId);
        if (current == null || current.claimedBy() != null) {
            return false;
        }
        leases.put(nodeId, new Lease(nodeId, expiresAt, null, null));
        return true;
    }

    @Override
    public synchronized List<Lease> expired(Instant now) {
        return leases.values().stream()
                .filter(lease -> claimable(lease, now))
                .sorted(Comparator.comparing(Lease::expiresAt).thenComparing(Lease::nodeId))
                .toList();
    }

    @Override
    public synchronized boolean claim(String deadNodeId, String claimant, Instant now, Instant claimExpiresAt) {
        Lease current = leases.get(deadNodeId);
        if (current == null || !claimable(current, now)) {
            return false;
        }
        leases.put(deadNodeId, new Lease(deadNodeId, current.expiresAt(), claimant, claimExpiresAt));
        return true;
    }

    @Override
    public synchronized boolean release(String deadNodeId, String claimant) {
        Lease current = leases.get(deadNodeId);
        if (current == null || !claimant.equals(current.claimedBy())) {
            return false;
        }
        leases.remove(deadNodeId);
        return true;
    }

    /** Every lease as stored, for assertions. */
    public synchronized List<Lease> all() {
        return List.copyOf(leases.values());
    }

    private static boolean claimRunning(Lease lease, Instant now) {
        return lease.claimedBy() != null && !lease.claimExpiresAt().isBefore(now);
    }

    private static boolean claimable(Lease lease, Instant now) {
        return lease.expiresAt().isBefore(now) && !claimRunning(lease, now);
    }
}
