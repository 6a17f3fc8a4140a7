package org.glance4j.bootstrap;

import org.glance4j.jdbc.JdbcRepositories;
import org.glance4j.ports.out.ImageMemberRepository;
import org.glance4j.ports.out.ImageRepository;
import org.glance4j.ports.out.TaskRepository;
import org.glance4j.ports.out.metadef.MetadefRepository;

/**
 * Where {@code db import-glance} copies to: glance4j's repositories, read-only views of them (a dry run against
 * an existing database), or nothing at all (all null: a dry run with no glance4j database yet, compared with
 * nothing).
 */
record ImportTargets(
        ImageRepository images, ImageMemberRepository members, TaskRepository tasks, MetadefRepository metadefs) {

    static final ImportTargets NONE = new ImportTargets(null, null, null, null);

    static ImportTargets of(JdbcRepositories repositories) {
        return new ImportTargets(
                repositories.images(), repositories.members(), repositories.tasks(), repositories.metadefs());
    }

    static ImportTargets readOnly(JdbcRepositories repositories) {
        return new ImportTargets(
                DryRunView.of(ImageRepository.class, repositories.images()),
                DryRunView.of(ImageMemberRepository.class, repositories.members()),
                DryRunView.of(TaskRepository.class, repositories.tasks()),
                DryRunView.of(MetadefRepository.class, repositories.metadefs()));
    }
}
