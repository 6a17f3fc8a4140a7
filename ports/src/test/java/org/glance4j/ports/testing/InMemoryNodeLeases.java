package org.glance4j.ports.testing;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.glance4j.ports.out.NodeLeases;

/** Node leases in a map, for the core's tests; passes {@code NodeLeasesContractTest}. */
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
        return leases.values().stream().filter(lease -> claimable(lease, now))
                .sorted(Comparator.comparing(Lease::expiresAt).thenComparing(Lease::nodeId)).toList();
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
