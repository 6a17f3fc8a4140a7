package org.glance4j.bootstrap;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.glance4j.core.lease.NodeLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a node's lease: renews it every third of the lease on one thread and, on another, looks as often for nodes
 * whose lease ended and puts back their work, so that a long recovery never delays this node's own renewal.
 */
final class NodeLeaseSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeLeaseSchedule.class);

    private final ScheduledExecutorService renewing = daemon("glance4j-lease-renew");
    private final ScheduledExecutorService recovering = daemon("glance4j-lease-recover");

    NodeLeaseSchedule(NodeLease lease) {
        long every = Math.max(1, lease.renewInterval().toMillis());
        renewing.scheduleWithFixedDelay(
                () -> {
                    try {
                        NodeLease.Renewal renewal = lease.renew();
                        if (renewal != NodeLease.Renewal.RENEWED) {
                            LOG.warn("node lease: {}", renewal);
                        }
                    } catch (RuntimeException e) {
                        LOG.warn("cannot renew this node's lease: {}", e.getMessage());
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
        recovering.scheduleWithFixedDelay(
                () -> {
                    try {
                        lease.recoverDeadNodes();
                    } catch (RuntimeException e) {
                        LOG.warn("cannot recover the work of dead nodes: {}", e.getMessage());
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
    }

    private static ScheduledExecutorService daemon(String name) {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void close() {
        renewing.shutdownNow();
        recovering.shutdownNow();
    }
}
