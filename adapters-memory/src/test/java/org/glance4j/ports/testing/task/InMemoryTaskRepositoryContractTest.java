package org.glance4j.ports.testing.task;

import org.glance4j.ports.out.TaskRepository;

/** The in-memory fake passes the task repository contract, which makes it fit for the core's tests. */
class InMemoryTaskRepositoryContractTest extends TaskRepositoryContractTest {
    @Override
    protected TaskRepository createRepository() {
        return new InMemoryTaskRepository();
    }
}
