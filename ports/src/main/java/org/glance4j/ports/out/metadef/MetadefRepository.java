package org.glance4j.ports.out.metadef;

import java.util.List;
import java.util.Optional;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.metadef.MetadefNamespace;
import org.glance4j.ports.model.metadef.MetadefNamespaceContent;
import org.glance4j.ports.model.metadef.MetadefObject;
import org.glance4j.ports.model.metadef.MetadefProperty;
import org.glance4j.ports.model.metadef.MetadefResourceType;
import org.glance4j.ports.model.metadef.MetadefResourceTypeAssociation;
import org.glance4j.ports.model.metadef.MetadefTag;

/**
 * Where the metadata definitions catalog lives. Thread-safe; every call is atomic (all of it happens or none).
 * It stores what it is given and checks only identity: a namespace name is unique in the catalog; an object,
 * property, tag or association name is unique within its namespace; a resource type name is unique. It applies no
 * policy, visibility or protection rule: the core does.
 *
 * <p>Names compare exactly (case-sensitive). Lists of a namespace's objects, properties, tags and associations come
 * in the order they were added; renaming keeps an item's place. A call naming a namespace that does not exist
 * throws {@code NOT_FOUND} unless it says otherwise; finders return empty instead.
 *
 * <p>The catalog is small (Glance ships 33 namespaces), so listing every namespace is a plain call; the core
 * filters, sorts and pages.
 *
 * <p>Every method may throw {@link GlanceException} with category {@code UNAVAILABLE} when the store cannot be
 * reached.
 */
public interface MetadefRepository {

    // ---- namespaces

    /**
     * Stores a namespace and its content in one step.
     *
     * @throws GlanceException {@code CONFLICT} when the namespace exists, or when two parts of the content share
     *                         a name (nothing is stored then)
     */
    void addNamespace(MetadefNamespaceContent content);

    /** The namespace, or empty. */
    Optional<MetadefNamespace> findNamespace(String namespace);

    /** Every namespace, oldest first. */
    List<MetadefNamespace> listNamespaces();

    /**
     * Replaces the namespace called {@code currentName} by {@code updated}, which may carry a new name: its content
     * then follows it.
     *
     * @throws GlanceException {@code NOT_FOUND} when there is no such namespace, {@code CONFLICT} when the new name
     *                         is taken by another namespace
     */
    void updateNamespace(String currentName, MetadefNamespace updated);

    /**
     * Removes a namespace and everything in it (its objects, properties, tags and associations; resource types
     * stay).
     *
     * @return whether it existed
     */
    boolean removeNamespace(String namespace);

    /** Removes every object of a namespace and returns how many there were. */
    int removeObjects(String namespace);

    /** Removes every property of a namespace and returns how many there were. */
    int removeProperties(String namespace);

    /** Removes every tag of a namespace and returns how many there were. */
    int removeTags(String namespace);

    // ---- objects

    /**
     * Stores an object in its namespace.
     *
     * @throws GlanceException {@code NOT_FOUND} for an unknown namespace, {@code CONFLICT} for a taken name
     */
    void addObject(MetadefObject object);

    /** The object, or empty (also when the namespace does not exist). */
    Optional<MetadefObject> findObject(String namespace, String name);

    /** The objects of a namespace; empty when it has none or does not exist. */
    List<MetadefObject> listObjects(String namespace);

    /**
     * Replaces the object called {@code currentName} in the namespace of {@code updated}.
     *
     * @throws GlanceException {@code NOT_FOUND} when there is no such object, {@code CONFLICT} when the new name
     *                         is taken by another object of the namespace
     */
    void updateObject(String currentName, MetadefObject updated);

    /** Removes an object; whether it existed. */
    boolean removeObject(String namespace, String name);

    // ---- properties

    /**
     * Stores a property definition in its namespace.
     *
     * @throws GlanceException {@code NOT_FOUND} for an unknown namespace, {@code CONFLICT} for a taken name
     */
    void addProperty(MetadefProperty property);

    /** The property, or empty (also when the namespace does not exist). */
    Optional<MetadefProperty> findProperty(String namespace, String name);

    /** The properties of a namespace; empty when it has none or does not exist. */
    List<MetadefProperty> listProperties(String namespace);

    /**
     * Replaces the property called {@code currentName} in the namespace of {@code updated}.
     *
     * @throws GlanceException {@code NOT_FOUND} when there is no such property, {@code CONFLICT} when the new name
     *                         is taken by another property of the namespace
     */
    void updateProperty(String currentName, MetadefProperty updated);

    /** Removes a property; whether it existed. */
    boolean removeProperty(String namespace, String name);

    // ---- tags

    /**
     * Stores a tag in its namespace.
     *
     * @throws GlanceException {@code NOT_FOUND} for an unknown namespace, {@code CONFLICT} for a taken name
     */
    void addTag(MetadefTag tag);

    /**
     * Stores several tags of one namespace at once. Unless {@code append}, the namespace's existing tags are
     * removed first.
     *
     * @throws GlanceException {@code NOT_FOUND} for an unknown namespace, {@code CONFLICT} when a name repeats in
     *                         {@code tags} or (when appending) is taken; nothing changes then
     */
    void addTags(String namespace, List<MetadefTag> tags, boolean append);

    /** The tag, or empty (also when the namespace does not exist). */
    Optional<MetadefTag> findTag(String namespace, String name);

    /** The tags of a namespace; empty when it has none or does not exist. */
    List<MetadefTag> listTags(String namespace);

    /**
     * Replaces the tag called {@code currentName} in the namespace of {@code updated}.
     *
     * @throws GlanceException {@code NOT_FOUND} when there is no such tag, {@code CONFLICT} when the new name is
     *                         taken by another tag of the namespace
     */
    void updateTag(String currentName, MetadefTag updated);

    /** Removes a tag; whether it existed. */
    boolean removeTag(String namespace, String name);

    // ---- resource types and associations

    /** Every resource type, oldest first. */
    List<MetadefResourceType> listResourceTypes();

    /** The resource type, or empty. */
    Optional<MetadefResourceType> findResourceType(String name);

    /**
     * Stores a resource type unless one of that name exists.
     *
     * @return whether it was stored (false when the name was taken; the existing type is left as it is)
     */
    boolean addResourceType(MetadefResourceType type);

    /**
     * Associates a namespace with a resource type, creating an unprotected resource type of that name (with the
     * association's times) when there is none.
     *
     * @throws GlanceException {@code NOT_FOUND} for an unknown namespace, {@code CONFLICT} when the namespace is
     *                         already associated with that type
     */
    void addAssociation(MetadefResourceTypeAssociation association);

    /** The associations of a namespace; empty when it has none or does not exist. */
    List<MetadefResourceTypeAssociation> listAssociations(String namespace);

    /** Every association of every namespace, grouped by namespace in no particular order. */
    List<MetadefResourceTypeAssociation> listAllAssociations();

    /** Removes an association (the resource type stays); whether it existed. */
    boolean removeAssociation(String namespace, String resourceType);
}
