package org.glance4j.ports.testing;

import org.glance4j.ports.out.NodeLeases;

/** The in-memory fake passes the node leases contract, which makes it fit for the core's tests. */
class InMemoryNodeLeasesContractTest extends NodeLeasesContractTest {
    @Override
    protected NodeLeases createLeases() {
        return new InMemoryNodeLeases();
    }
}
