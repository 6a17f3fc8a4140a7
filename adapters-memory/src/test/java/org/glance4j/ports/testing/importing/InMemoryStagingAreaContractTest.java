package org.glance4j.ports.testing.importing;

import org.glance4j.ports.out.importing.StagingArea;

/** The in-memory fake passes the staging area contract, which makes it fit for the core's tests. */
class InMemoryStagingAreaContractTest extends StagingAreaContractTest {
    @Override
    protected StagingArea createStagingArea() {
        return new InMemoryStagingArea();
    }
}
