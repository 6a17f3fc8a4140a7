package org.glance4j.bootstrap.cluster;

/** {@link ClusterApiContract} on one PostgreSQL. */
class ClusterApiProcessTest extends ClusterApiContract {

    @Override
    Cluster.Database database() {
        return Cluster.Database.POSTGRESQL;
    }
}
