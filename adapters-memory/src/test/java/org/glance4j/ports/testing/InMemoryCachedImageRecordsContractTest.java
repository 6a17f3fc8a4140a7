package org.glance4j.ports.testing;

import org.glance4j.ports.out.cache.CachedImageRecords;

/** The in-memory fake passes the cache records contract, which makes it fit for the core's tests. */
class InMemoryCachedImageRecordsContractTest extends CachedImageRecordsContractTest {
    @Override
    protected CachedImageRecords createRecords() {
        return new InMemoryCachedImageRecords();
    }
}
