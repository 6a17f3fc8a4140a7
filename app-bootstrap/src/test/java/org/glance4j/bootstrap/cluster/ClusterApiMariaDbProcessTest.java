package org.glance4j.bootstrap.cluster;

/** {@link ClusterApiContract} on one MariaDB. */
class ClusterApiMariaDbProcessTest extends ClusterApiContract {

    @Override
    Cluster.Database database() {
        return Cluster.Database.MARIADB;
    }
}
