package org.glance4j.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.util.function.Function;
import org.glance4j.jdbc.JdbcRepositories;
import org.glance4j.jdbc.JdbcSettings;
import org.glance4j.ports.out.ImageMemberRepository;
import org.glance4j.ports.out.ImageRepository;
import org.glance4j.ports.out.ImageVerificationRepository;
import org.glance4j.ports.out.NodeLeases;
import org.glance4j.ports.out.SharedNodeSettings;
import org.glance4j.ports.out.TaskRepository;
import org.glance4j.ports.out.cache.CachedImageRecords;
import org.glance4j.ports.out.metadef.MetadefRepository;

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

    /** Each repository is the database's: bound, once, to the accessor of {@link JdbcRepositories} for it. */
    @Override
    protected void configure() {
        repository(ImageRepository.class, JdbcRepositories::images);
        repository(ImageMemberRepository.class, JdbcRepositories::members);
        repository(MetadefRepository.class, JdbcRepositories::metadefs);
        repository(TaskRepository.class, JdbcRepositories::tasks);
        repository(NodeLeases.class, JdbcRepositories::leases);
        repository(SharedNodeSettings.class, JdbcRepositories::sharedSettings);
        repository(CachedImageRecords.class, JdbcRepositories::cacheRecords);
        repository(ImageVerificationRepository.class, JdbcRepositories::verifications);
        repository(org.glance4j.ports.out.tus.TusUploadRepository.class, JdbcRepositories::tusUploads);
        repository(RepositoryCloser.class, repositories -> repositories::close);
    }

    private <T> void repository(Class<T> type, Function<JdbcRepositories, T> accessor) {
        Provider<JdbcRepositories> repositories = getProvider(JdbcRepositories.class);
        bind(type)
                .toProvider((Provider<T>) () -> accessor.apply(repositories.get()))
                .in(Singleton.class);
    }
}
