package org.glance4j.ports.testing;

import org.glance4j.ports.out.SharedNodeSettings;

/** The in-memory fake passes the shared node settings contract. */
class InMemorySharedNodeSettingsContractTest extends SharedNodeSettingsContractTest {
    @Override
    protected SharedNodeSettings createSettings() {
        return new InMemorySharedNodeSettings();
    }
}
