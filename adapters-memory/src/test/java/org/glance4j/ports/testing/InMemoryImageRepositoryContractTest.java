package org.glance4j.ports.testing;

/** The in-memory fakes pass the same repository contract as the real adapters, which makes them fit for the core's tests. */
class InMemoryImageRepositoryContractTest extends ImageRepositoryContractTest {
    @Override
    protected Repositories createRepositories() {
        InMemoryImageMemberRepository members = new InMemoryImageMemberRepository();
        return new Repositories(new InMemoryImageRepository(members), members);
    }
}
