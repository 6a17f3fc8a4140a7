package org.glance4j.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.glance4j.ports.out.NodeLeases;
import org.glance4j.ports.out.NodeLeases.Lease;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link NodeLeases} must meet. Extend it and return a fresh, empty store of leases from
 * {@link #createLeases()} (called before each test). Times are microsecond-aligned, the finest every database keeps.
 */
public abstract class NodeLeasesContractTest {

    protected static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");

    protected NodeLeases leases;

    protected abstract NodeLeases createLeases();

    @BeforeEach
    void setUpLeases() {
        leases = createLeases();
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void aRegisteredLeaseIsNotExpiredUntilItsEnd() {
        assertThat(leases.register("node-a", at(60), at(0))).isTrue();

        assertThat(leases.expired(at(59))).isEmpty();
        assertThat(leases.expired(at(60))).isEmpty();
        assertThat(leases.expired(at(61))).containsExactly(new Lease("node-a", at(60), null, null));
    }

    @Test
    void expiredListsOnlyEndedLeasesOldestFirst() {
        leases.register("node-a", at(30), at(0));
        leases.register("node-b", at(10), at(0));
        leases.register("node-c", at(90), at(0));

        assertThat(leases.expired(at(40))).extracting(Lease::nodeId).containsExactly("node-b", "node-a");
    }

    @Test
    void renewingMovesTheEndEvenOfAnEndedLeaseNobodyClaimed() {
        leases.register("node-a", at(60), at(0));
        assertThat(leases.renew("node-a", at(80))).isTrue();
        assertThat(leases.expired(at(70))).isEmpty();

        // late: the lease ended at 80, but nobody claimed it before the node renewed
        assertThat(leases.renew("node-a", at(150))).isTrue();
        assertThat(leases.expired(at(100))).isEmpty();
        assertThat(leases.claim("node-a", "node-b", at(100), at(160))).isFalse();
    }

    @Test
    void renewingAnUnknownLeaseIsRefused() {
        assertThat(leases.renew("node-x", at(60))).isFalse();
        assertThat(leases.expired(at(1000))).isEmpty();
    }

    @Test
    void aLeaseStillRunningCannotBeClaimed() {
        leases.register("node-a", at(60), at(0));

        assertThat(leases.claim("node-a", "node-b", at(60), at(120))).isFalse();
        assertThat(leases.claim("node-x", "node-b", at(60), at(120))).isFalse();
        assertThat(leases.renew("node-a", at(100))).isTrue();
    }

    @Test
    void aClaimedLeaseCannotBeRenewedNorClaimedAgainWhileTheClaimRuns() {
        leases.register("node-a", at(60), at(0));
        assertThat(leases.claim("node-a", "node-b", at(61), at(121))).isTrue();

        assertThat(leases.renew("node-a", at(200))).isFalse();
        assertThat(leases.claim("node-a", "node-c", at(100), at(160))).isFalse();
        assertThat(leases.expired(at(100))).isEmpty();
        assertThat(leases.register("node-a", at(200), at(100))).isFalse();
    }

    @Test
    void anEndedClaimCanBeTakenOverByAnotherNode() {
        leases.register("node-a", at(60), at(0));
        leases.claim("node-a", "node-b", at(61), at(121));

        assertThat(leases.expired(at(122))).containsExactly(new Lease("node-a", at(60), "node-b", at(121)));
        assertThat(leases.claim("node-a", "node-c", at(122), at(182))).isTrue();
        assertThat(leases.release("node-a", "node-b")).isFalse();
        assertThat(leases.release("node-a", "node-c")).isTrue();
    }

    @Test
    void releasingRemovesTheLeaseAndTheNodeMayRegisterAgain() {
        leases.register("node-a", at(60), at(0));
        leases.claim("node-a", "node-b", at(61), at(121));

        assertThat(leases.release("node-a", "node-b")).isTrue();
        assertThat(leases.expired(at(1000))).isEmpty();
        assertThat(leases.renew("node-a", at(200))).isFalse();
        assertThat(leases.release("node-a", "node-b")).isFalse();

        assertThat(leases.register("node-a", at(200), at(140))).isTrue();
        assertThat(leases.renew("node-a", at(260))).isTrue();
        assertThat(leases.expired(at(261))).containsExactly(new Lease("node-a", at(260), null, null));
    }

    @Test
    void registeringAgainAfterAnEndedClaimDropsTheClaim() {
        leases.register("node-a", at(60), at(0));
        leases.claim("node-a", "node-b", at(61), at(121));

        assertThat(leases.register("node-a", at(200), at(130))).isTrue();
        assertThat(leases.release("node-a", "node-b")).isFalse();
        assertThat(leases.renew("node-a", at(250))).isTrue();
        assertThat(leases.expired(at(240))).isEmpty();
    }

    @Test
    void registeringAnUnclaimedLeaseAgainRestartsIt() {
        leases.register("node-a", at(60), at(0));
        assertThat(leases.register("node-a", at(500), at(400))).isTrue();
        assertThat(leases.expired(at(450))).isEmpty();
    }

    @Test
    void ofManyNodesClaimingOneDeadNodeAtOnceExactlyOneWins() throws Exception {
        leases.register("dead", at(60), at(0));
        int claimants = 8;
        ExecutorService pool = Executors.newFixedThreadPool(claimants);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < claimants; i++) {
                String claimant = "live-" + i;
                Callable<Boolean> claim = () -> {
                    start.await();
                    return leases.claim("dead", claimant, at(61), at(121));
                };
                results.add(pool.submit(claim));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> result : results) {
                if (result.get(60, TimeUnit.SECONDS)) {
                    won++;
                }
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
