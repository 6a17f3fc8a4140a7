package org.glance4j.core.metadef;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.glance4j.ports.model.metadef.MetadefObject;
import org.glance4j.ports.model.metadef.MetadefProperty;
import org.glance4j.ports.model.metadef.MetadefTag;
import org.glance4j.ports.out.metadef.MetadefRepository;

/**
 * What differs between the kinds of named items inside a namespace (objects, properties, tags): the word Glance's
 * messages use, the policy rules of each step, the repository calls, and the JSON of one item. The steps
 * themselves are {@link NamespacedItems}'.
 *
 * @param word       as in "The metadata definition {word} with name=..."
 * @param getRule    the rule of showing one item
 * @param addRule    the rule of creating one
 * @param modifyRule the rule of updating (and renaming) one
 * @param deleteRule the rule of deleting one
 * @param add        stores a new item ({@code CONFLICT} for a taken name)
 * @param find       the item of a namespace by name, or empty
 * @param update     replaces the item of the given current name ({@code NOT_FOUND}, {@code CONFLICT})
 * @param remove     removes an item; whether it existed
 * @param json       the item as the answers of a single item show it
 * @param <T>        the item's record
 */
record NamespacedItemKind<T>(
        String word,
        String getRule,
        String addRule,
        String modifyRule,
        String deleteRule,
        BiConsumer<MetadefRepository, T> add,
        Finder<T> find,
        Updater<T> update,
        Remover remove,
        Function<T, Map<String, Object>> json) {

    static final NamespacedItemKind<MetadefObject> OBJECT = new NamespacedItemKind<>(
            "object",
            "get_metadef_object",
            "add_metadef_object",
            "modify_metadef_object",
            "delete_metadef_object",
            MetadefRepository::addObject,
            MetadefRepository::findObject,
            MetadefRepository::updateObject,
            MetadefRepository::removeObject,
            object -> MetadefJson.object(object, null));

    static final NamespacedItemKind<MetadefProperty> PROPERTY = new NamespacedItemKind<>(
            "property",
            "get_metadef_property",
            "add_metadef_property",
            "modify_metadef_property",
            "remove_metadef_property",
            MetadefRepository::addProperty,
            MetadefRepository::findProperty,
            MetadefRepository::updateProperty,
            MetadefRepository::removeProperty,
            NamespacedItemKind::propertyJson);

    static final NamespacedItemKind<MetadefTag> TAG = new NamespacedItemKind<>(
            "tag",
            "get_metadef_tag",
            "add_metadef_tag",
            "modify_metadef_tag",
            "delete_metadef_tag",
            MetadefRepository::addTag,
            MetadefRepository::findTag,
            MetadefRepository::updateTag,
            MetadefRepository::removeTag,
            MetadefJson::tag);

    /** A property with its name first, as the single-property answers show it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> propertyJson(MetadefProperty property) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", property.name());
        m.putAll((Map<String, Object>) MetadefJson.present(property.schema()));
        return m;
    }

    /** {@link MetadefRepository#findObject} and its likes. */
    @FunctionalInterface
    interface Finder<T> {
        Optional<T> find(MetadefRepository repository, String namespace, String name);
    }

    /** {@link MetadefRepository#updateObject} and its likes. */
    @FunctionalInterface
    interface Updater<T> {
        void update(MetadefRepository repository, String currentName, T updated);
    }

    /** {@link MetadefRepository#removeObject} and its likes. */
    @FunctionalInterface
    interface Remover {
        boolean remove(MetadefRepository repository, String namespace, String name);
    }
}
