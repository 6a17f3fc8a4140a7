package org.glance4j.ports.testing;

import org.glance4j.ports.out.tus.TusUploadRepository;

/** Proves the contract kit on the in-memory repository. */
class InMemoryTusUploadRepositoryContractTest extends TusUploadRepositoryContractTest {
    @Override
    protected TusUploadRepository createRepository() {
        return new InMemoryTusUploadRepository();
    }
}
