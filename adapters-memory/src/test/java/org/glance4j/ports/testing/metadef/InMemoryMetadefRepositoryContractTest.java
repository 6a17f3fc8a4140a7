package org.glance4j.ports.testing.metadef;

import org.glance4j.ports.out.metadef.MetadefRepository;

/** Proves the kit on the in-memory reference repository. */
class InMemoryMetadefRepositoryContractTest extends MetadefRepositoryContractTest {
    @Override
    protected MetadefRepository createRepository() {
        return new InMemoryMetadefRepository();
    }
}
