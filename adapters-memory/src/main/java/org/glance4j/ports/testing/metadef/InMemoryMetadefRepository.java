package org.glance4j.ports.testing.metadef;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.metadef.MetadefNamespace;
import org.glance4j.ports.model.metadef.MetadefNamespaceContent;
import org.glance4j.ports.model.metadef.MetadefObject;
import org.glance4j.ports.model.metadef.MetadefProperty;
import org.glance4j.ports.model.metadef.MetadefResourceType;
import org.glance4j.ports.model.metadef.MetadefResourceTypeAssociation;
import org.glance4j.ports.model.metadef.MetadefTag;
import org.glance4j.ports.out.metadef.MetadefRepository;

/**
 * A {@link MetadefRepository} in memory, for tests and embedders (module {@code glance4j-adapters-memory}); it keeps
 * the promises of the port as the contract kit {@code MetadefRepositoryContractTest} checks them. Thread-safe: every
 * method holds one lock, so each call is atomic. Insertion-ordered maps give the "in the order added" lists; a rename replaces the entry in place.
 */
public final class InMemoryMetadefRepository implements MetadefRepository {

    /** A namespace and its content, each keyed by name in insertion order. */
    private static final class Entry {
        MetadefNamespace namespace;
        final LinkedHashMap<String, MetadefObject> objects = new LinkedHashMap<>();
        final LinkedHashMap<String, MetadefProperty> properties = new LinkedHashMap<>();
        final LinkedHashMap<String, MetadefTag> tags = new LinkedHashMap<>();
        final LinkedHashMap<String, MetadefResourceTypeAssociation> associations = new LinkedHashMap<>();

        Entry(MetadefNamespace namespace) {
            this.namespace = namespace;
        }
    }

    /**
     * What differs between the kinds of item a namespace holds: the word for the kind in messages, the entry's map of
     * them, and an item's name and namespace.
     */
    private record Kind<T>(
            String word,
            Function<Entry, LinkedHashMap<String, T>> items,
            Function<T, String> name,
            Function<T, String> namespace) {}

    private static final Kind<MetadefObject> OBJECTS =
            new Kind<>("object", e -> e.objects, MetadefObject::name, MetadefObject::namespace);
    private static final Kind<MetadefProperty> PROPERTIES =
            new Kind<>("property", e -> e.properties, MetadefProperty::name, MetadefProperty::namespace);
    private static final Kind<MetadefTag> TAGS =
            new Kind<>("tag", e -> e.tags, MetadefTag::name, MetadefTag::namespace);
    private static final Kind<MetadefResourceTypeAssociation> ASSOCIATIONS = new Kind<>(
            "resource type association",
            e -> e.associations,
            MetadefResourceTypeAssociation::name,
            MetadefResourceTypeAssociation::namespace);

    private final LinkedHashMap<String, Entry> namespaces = new LinkedHashMap<>();
    private final LinkedHashMap<String, MetadefResourceType> resourceTypes = new LinkedHashMap<>();

    @Override
    public synchronized void addNamespace(MetadefNamespaceContent content) {
        String name = content.namespace().namespace();
        if (namespaces.containsKey(name)) {
            throw GlanceException.conflict("The metadata definition namespace=" + name + " already exists.");
        }
        requireDistinct(content.objects(), MetadefObject::name, "object", name);
        requireDistinct(content.properties(), MetadefProperty::name, "property", name);
        requireDistinct(content.tags(), MetadefTag::name, "tag", name);
        requireDistinct(
                content.associations(), MetadefResourceTypeAssociation::name, "resource type association", name);
        Entry entry = new Entry(content.namespace());
        content.objects().forEach(o -> entry.objects.put(o.name(), o));
        content.properties().forEach(p -> entry.properties.put(p.name(), p));
        content.tags().forEach(t -> entry.tags.put(t.name(), t));
        for (MetadefResourceTypeAssociation a : content.associations()) {
            ensureType(a);
            entry.associations.put(a.name(), a);
        }
        namespaces.put(name, entry);
    }

    private static <T> void requireDistinct(List<T> items, Function<T, String> name, String kind, String namespace) {
        Set<String> seen = new HashSet<>();
        for (T item : items) {
            if (!seen.add(name.apply(item))) {
                throw GlanceException.conflict("A metadata definition " + kind + " with name=" + name.apply(item)
                        + " already exists in namespace=" + namespace + ".");
            }
        }
    }

    @Override
    public synchronized Optional<MetadefNamespace> findNamespace(String namespace) {
        Entry e = namespaces.get(namespace);
        return e == null ? Optional.empty() : Optional.of(e.namespace);
    }

    @Override
    public synchronized List<MetadefNamespace> listNamespaces() {
        return namespaces.values().stream().map(e -> e.namespace).toList();
    }

    @Override
    public synchronized void updateNamespace(String currentName, MetadefNamespace updated) {
        Entry entry = entry(currentName);
        String newName = updated.namespace();
        if (!newName.equals(currentName) && namespaces.containsKey(newName)) {
            throw GlanceException.conflict("Invalid update. It would result in a duplicate metadata definition "
                    + "namespace with the same name of " + newName);
        }
        entry.namespace = updated;
        if (!newName.equals(currentName)) {
            entry.objects.replaceAll((k, o) -> o.inNamespace(newName));
            entry.properties.replaceAll((k, p) -> new MetadefProperty(newName, p.name(), p.schema()));
            entry.tags.replaceAll((k, t) -> new MetadefTag(newName, t.name(), t.createdAt(), t.updatedAt()));
            entry.associations.replaceAll((k, a) -> a.inNamespace(newName));
            replaceKey(namespaces, currentName, newName, entry);
        }
    }

    @Override
    public synchronized boolean removeNamespace(String namespace) {
        return namespaces.remove(namespace) != null;
    }

    @Override
    public synchronized int removeObjects(String namespace) {
        return clear(entry(namespace).objects);
    }

    @Override
    public synchronized int removeProperties(String namespace) {
        return clear(entry(namespace).properties);
    }

    @Override
    public synchronized int removeTags(String namespace) {
        return clear(entry(namespace).tags);
    }

    private static int clear(Map<String, ?> items) {
        int n = items.size();
        items.clear();
        return n;
    }

    // The port's per-kind methods, grouped by what they do; what differs between the kinds is stated once in
    // OBJECTS, PROPERTIES, TAGS and ASSOCIATIONS.

    @Override
    public synchronized void addObject(MetadefObject object) {
        add(OBJECTS, object);
    }

    @Override
    public synchronized void addProperty(MetadefProperty property) {
        add(PROPERTIES, property);
    }

    @Override
    public synchronized void addTag(MetadefTag tag) {
        add(TAGS, tag);
    }

    @Override
    public synchronized void addTags(String namespace, List<MetadefTag> tags, boolean append) {
        Entry entry = entry(namespace);
        requireDistinct(tags, MetadefTag::name, "tag", namespace);
        if (append) {
            for (MetadefTag tag : tags) {
                if (entry.tags.containsKey(tag.name())) {
                    throw duplicate("tag", tag.name(), namespace);
                }
            }
        } else {
            entry.tags.clear();
        }
        tags.forEach(t -> entry.tags.put(t.name(), new MetadefTag(namespace, t.name(), t.createdAt(), t.updatedAt())));
    }

    @Override
    public synchronized Optional<MetadefObject> findObject(String namespace, String name) {
        return find(OBJECTS, namespace, name);
    }

    @Override
    public synchronized Optional<MetadefProperty> findProperty(String namespace, String name) {
        return find(PROPERTIES, namespace, name);
    }

    @Override
    public synchronized Optional<MetadefTag> findTag(String namespace, String name) {
        return find(TAGS, namespace, name);
    }

    @Override
    public synchronized List<MetadefObject> listObjects(String namespace) {
        return list(OBJECTS, namespace);
    }

    @Override
    public synchronized List<MetadefProperty> listProperties(String namespace) {
        return list(PROPERTIES, namespace);
    }

    @Override
    public synchronized List<MetadefTag> listTags(String namespace) {
        return list(TAGS, namespace);
    }

    @Override
    public synchronized void updateObject(String currentName, MetadefObject updated) {
        update(OBJECTS, currentName, updated);
    }

    @Override
    public synchronized void updateProperty(String currentName, MetadefProperty updated) {
        update(PROPERTIES, currentName, updated);
    }

    @Override
    public synchronized void updateTag(String currentName, MetadefTag updated) {
        update(TAGS, currentName, updated);
    }

    @Override
    public synchronized boolean removeObject(String namespace, String name) {
        return remove(OBJECTS, namespace, name);
    }

    @Override
    public synchronized boolean removeProperty(String namespace, String name) {
        return remove(PROPERTIES, namespace, name);
    }

    @Override
    public synchronized boolean removeTag(String namespace, String name) {
        return remove(TAGS, namespace, name);
    }

    @Override
    public synchronized List<MetadefResourceType> listResourceTypes() {
        return List.copyOf(resourceTypes.values());
    }

    @Override
    public synchronized Optional<MetadefResourceType> findResourceType(String name) {
        return Optional.ofNullable(resourceTypes.get(name));
    }

    @Override
    public synchronized boolean addResourceType(MetadefResourceType type) {
        return resourceTypes.putIfAbsent(type.name(), type) == null;
    }

    @Override
    public synchronized void addAssociation(MetadefResourceTypeAssociation association) {
        Entry entry = entry(association.namespace());
        if (entry.associations.containsKey(association.name())) {
            throw GlanceException.conflict("The metadata definition resource-type association of resource-type="
                    + association.name() + " to namespace=" + association.namespace() + " already exists.");
        }
        ensureType(association);
        entry.associations.put(association.name(), association);
    }

    private void ensureType(MetadefResourceTypeAssociation a) {
        resourceTypes.putIfAbsent(a.name(), new MetadefResourceType(a.name(), false, a.createdAt(), a.updatedAt()));
    }

    @Override
    public synchronized List<MetadefResourceTypeAssociation> listAssociations(String namespace) {
        return list(ASSOCIATIONS, namespace);
    }

    @Override
    public synchronized List<MetadefResourceTypeAssociation> listAllAssociations() {
        List<MetadefResourceTypeAssociation> all = new ArrayList<>();
        namespaces.values().forEach(e -> all.addAll(e.associations.values()));
        return all;
    }

    @Override
    public synchronized boolean removeAssociation(String namespace, String resourceType) {
        return remove(ASSOCIATIONS, namespace, resourceType);
    }

    /** The named item of one kind in a namespace; empty when the namespace or the item does not exist. */
    private <T> Optional<T> find(Kind<T> kind, String namespace, String name) {
        Entry e = namespaces.get(namespace);
        return e == null
                ? Optional.empty()
                : Optional.ofNullable(kind.items().apply(e).get(name));
    }

    /** The items of one kind in a namespace, in the order added; empty when the namespace does not exist. */
    private <T> List<T> list(Kind<T> kind, String namespace) {
        Entry e = namespaces.get(namespace);
        return e == null ? List.of() : List.copyOf(kind.items().apply(e).values());
    }

    /** Removes the named item of one kind; false when the namespace or the item does not exist. */
    private <T> boolean remove(Kind<T> kind, String namespace, String name) {
        Entry e = namespaces.get(namespace);
        return e != null && kind.items().apply(e).remove(name) != null;
    }

    private Entry entry(String namespace) {
        Entry e = namespaces.get(namespace);
        if (e == null) {
            throw GlanceException.notFound("Metadata definition namespace=" + namespace + " was not found.");
        }
        return e;
    }

    private <T> void add(Kind<T> kind, T item) {
        String namespace = kind.namespace().apply(item);
        String name = kind.name().apply(item);
        LinkedHashMap<String, T> items = kind.items().apply(entry(namespace));
        if (items.containsKey(name)) {
            throw duplicate(kind.word(), name, namespace);
        }
        items.put(name, item);
    }

    private <T> void update(Kind<T> kind, String currentName, T item) {
        String namespace = kind.namespace().apply(item);
        String newName = kind.name().apply(item);
        LinkedHashMap<String, T> items = kind.items().apply(entry(namespace));
        if (!items.containsKey(currentName)) {
            throw GlanceException.notFound("The metadata definition " + kind.word() + " with name=" + currentName
                    + " was not found in namespace=" + namespace + ".");
        }
        if (!newName.equals(currentName) && items.containsKey(newName)) {
            throw duplicate(kind.word(), newName, namespace);
        }
        if (newName.equals(currentName)) {
            items.put(currentName, item);
        } else {
            replaceKey(items, currentName, newName, item);
        }
    }

    /** Replaces a key in place, keeping the entry's position. */
    private static <T> void replaceKey(LinkedHashMap<String, T> items, String oldKey, String newKey, T value) {
        LinkedHashMap<String, T> copy = new LinkedHashMap<>();
        items.forEach((k, v) -> {
            if (k.equals(oldKey)) {
                copy.put(newKey, value);
            } else {
                copy.put(k, v);
            }
        });
        items.clear();
        items.putAll(copy);
    }

    private static GlanceException duplicate(String kind, String name, String namespace) {
        return GlanceException.conflict("A metadata definition " + kind + " with name=" + name
                + " already exists in namespace=" + namespace + ".");
    }
}
