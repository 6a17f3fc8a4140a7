package org.glance4j.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

import org.glance4j.jdbc.JdbcRepositories;
import org.glance4j.jdbc.JdbcSettings;
import org.glance4j.ports.out.ImageMemberRepository;
import org.glance4j.ports.out.ImageRepository;
import org.glance4j.ports.out.NodeLeases;
import org.glance4j.ports.out.SharedNodeSettings;
import org.glance4j.ports.out.metadef.MetadefRepository;
import org.glance4j.ports.out.TaskRepository;

/** The repositories on a JDBC database (SQLite or PostgreSQL); opening them migrates the schema. */
public final class JdbcModule extends AbstractModule {
    private final JdbcSettings settings;

    public JdbcModule(JdbcSettings settings) {
        this.settings = settings;
    }

    @Provides
    @Singleton
    JdbcRepositories repositories(com.google.inject.Injector injector) {
        JdbcRepositories repositories = JdbcRepositories.open(settings);
        Operations.of(injector).telemetry().database(repositories);
        return repositories;
    }

    @Provides
    @Singleton
    ImageRepository images(JdbcRepositories repositories) {
        return repositories.images();
    }

    @Provides
    @Singleton
    ImageMemberRepository members(JdbcRepositories repositories) {
        return repositories.members();
    }

    @Provides
    @Singleton
    MetadefRepository metadefs(JdbcRepositories repositories) {
        return repositories.metadefs();
    }

    @Provides
    @Singleton
    TaskRepository tasks(JdbcRepositories repositories) {
        return repositories.tasks();
    }

    @Provides
    @Singleton
    NodeLeases leases(JdbcRepositories repositories) {
        return repositories.leases();
    }

    @Provides
    @Singleton
    SharedNodeSettings sharedSettings(JdbcRepositories repositories) {
        return repositories.sharedSettings();
    }

    @Provides
    @Singleton
    org.glance4j.ports.out.cache.CachedImageRecords cacheRecords(JdbcRepositories repositories) {
        return repositories.cacheRecords();
    }

    @Provides
    @Singleton
    org.glance4j.ports.out.ImageVerificationRepository verifications(JdbcRepositories repositories) {
        return repositories.verifications();
    }

    @Provides
    @Singleton
    RepositoryCloser closer(JdbcRepositories repositories) {
        return repositories::close;
    }
}
