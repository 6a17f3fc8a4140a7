package org.glance4j.bootstrap;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.glance4j.jdbc.glance.GlanceMetadefReader;
import org.glance4j.jdbc.glance.GlanceNamespaceRecord;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.metadef.MetadefNamespaceContent;
import org.glance4j.ports.model.metadef.MetadefResourceType;
import org.glance4j.ports.model.metadef.MetadefResourceTypeAssociation;
import org.glance4j.ports.out.metadef.MetadefRepository;

/**
 * The metadefs part of {@code db import-glance}: Glance's resource types first (so that their protected flag is
 * kept), then each namespace with its objects, properties, tags and resource type associations, by name. A
 * namespace glance4j does not hold is added whole, in one step; for one it holds, each item it lacks is added, an
 * equal item is left alone, and a different one is reported (or replaced, when asked). Resource types are never
 * replaced: glance4j's catalog has no way to change one.
 */
final class GlanceMetadefsImport {
    private static final Set<String> NOTHING_IGNORED = Set.of();

    private final MetadefRepository metadefs;
    private final boolean replaceChanged;
    private final ImportProblems problems;
    final ImportTally resourceTypes = new ImportTally("metadef resource types");
    final ImportTally namespaces = new ImportTally("metadef namespaces");
    final ImportTally objects = new ImportTally("metadef objects");
    final ImportTally properties = new ImportTally("metadef properties");
    final ImportTally tags = new ImportTally("metadef tags");
    final ImportTally associations = new ImportTally("metadef resource type associations");

    /**
     * @param metadefs glance4j's catalog, or null for a dry run (compared with nothing, written to nowhere)
     * @param problems where problems are reported, per namespace
     */
    GlanceMetadefsImport(MetadefRepository metadefs, boolean replaceChanged, ImportProblems problems) {
        this.metadefs = metadefs;
        this.replaceChanged = replaceChanged;
        this.problems = problems;
    }

    /** The tallies, in the order the summary prints them. */
    List<ImportTally> tallies() {
        return List.of(namespaces, objects, properties, tags, resourceTypes, associations);
    }

    void run(GlanceMetadefReader reader) {
        for (MetadefResourceType type : reader.resourceTypes()) {
            copyResourceType(type);
        }
        reader.forEachNamespace(this::copyNamespace);
    }

    private void copyResourceType(MetadefResourceType type) {
        String subject = "metadef resource type " + type.name();
        try {
            Optional<MetadefResourceType> stored =
                    metadefs == null ? Optional.empty() : metadefs.findResourceType(type.name());
            if (stored.isEmpty()) {
                if (metadefs != null) {
                    metadefs.addResourceType(type);
                }
                resourceTypes.copied++;
                return;
            }
            List<String> differences = RecordDifferences.between(stored.get(), type, NOTHING_IGNORED);
            if (differences.isEmpty()) {
                resourceTypes.unchanged++;
            } else {
                resourceTypes.differing++;
                problems.add(
                        subject,
                        "glance4j's copy differs in " + String.join(", ", differences)
                                + "; kept (a resource type cannot be changed)");
            }
        } catch (GlanceException e) {
            resourceTypes.failed++;
            problems.add(subject, "not copied: " + e.getMessage());
        }
    }

    private void copyNamespace(GlanceNamespaceRecord record) {
        String subject = "metadef namespace " + record.name();
        if (record.problem() != null) {
            namespaces.failed++;
            problems.add(subject, "not copied: " + record.problem());
            return;
        }
        MetadefNamespaceContent content = record.content();
        String name = record.name();
        try {
            if (metadefs == null || metadefs.findNamespace(name).isEmpty()) {
                if (metadefs != null) {
                    metadefs.addNamespace(content);
                }
                namespaces.copied++;
                objects.copied += content.objects().size();
                properties.copied += content.properties().size();
                tags.copied += content.tags().size();
                associations.copied += content.associations().size();
                return;
            }
            item(
                    subject,
                    "namespace",
                    namespaces,
                    metadefs.findNamespace(name),
                    content.namespace(),
                    () -> metadefs.updateNamespace(name, content.namespace()),
                    null);
            content.objects()
                    .forEach(o -> item(
                            subject,
                            "object " + o.name(),
                            objects,
                            metadefs.findObject(name, o.name()),
                            o,
                            () -> metadefs.updateObject(o.name(), o),
                            metadefs::addObject));
            content.properties()
                    .forEach(p -> item(
                            subject,
                            "property " + p.name(),
                            properties,
                            metadefs.findProperty(name, p.name()),
                            p,
                            () -> metadefs.updateProperty(p.name(), p),
                            metadefs::addProperty));
            content.tags()
                    .forEach(t -> item(
                            subject,
                            "tag " + t.name(),
                            tags,
                            metadefs.findTag(name, t.name()),
                            t,
                            () -> metadefs.updateTag(t.name(), t),
                            metadefs::addTag));
            List<MetadefResourceTypeAssociation> held = metadefs.listAssociations(name);
            content.associations()
                    .forEach(a -> item(
                            subject,
                            "association with " + a.name(),
                            associations,
                            held.stream().filter(h -> h.name().equals(a.name())).findFirst(),
                            a,
                            () -> {
                                metadefs.removeAssociation(name, a.name());
                                metadefs.addAssociation(a);
                            },
                            metadefs::addAssociation));
        } catch (GlanceException e) {
            namespaces.failed++;
            problems.add(subject, "not copied: " + e.getMessage());
        }
    }

    /** One item of a namespace that glance4j holds: added when missing, compared when there. */
    private <R extends Record> void item(
            String subject,
            String what,
            ImportTally tally,
            Optional<R> stored,
            R wanted,
            Runnable replace,
            Consumer<R> add) {
        try {
            if (stored.isEmpty()) {
                add.accept(wanted);
                tally.copied++;
                return;
            }
            List<String> differences = RecordDifferences.between(stored.get(), wanted, NOTHING_IGNORED);
            if (differences.isEmpty()) {
                tally.unchanged++;
            } else if (replaceChanged) {
                replace.run();
                tally.replaced++;
            } else {
                tally.differing++;
                problems.add(
                        subject,
                        what + ": glance4j's copy differs in " + String.join(", ", differences)
                                + "; kept (--replace-changed takes Glance's)");
            }
        } catch (GlanceException e) {
            tally.failed++;
            problems.add(subject, what + ": not copied: " + e.getMessage());
        }
    }
}
