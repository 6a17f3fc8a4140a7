package org.glance4j.core.metadef;

import java.time.Instant;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.metadef.MetadefNamespace;

/**
 * The steps of a named item inside a namespace (an object, a property, a tag), the same for every kind: find the
 * namespace the caller may see ({@code NOT_FOUND} otherwise), enforce the kind's rule on it, then call the
 * repository. An item that is not there is {@code NOT_FOUND} with Glance's message; deleting from a protected
 * namespace is {@code FORBIDDEN}. What differs between kinds is their {@link NamespacedItemKind}; validating a
 * body, which Glance does before any of this, stays with each service.
 *
 * @param <T> the item's record
 */
final class NamespacedItems<T> {

    private final MetadefAccess access;
    private final NamespacedItemKind<T> kind;

    NamespacedItems(MetadefAccess access, NamespacedItemKind<T> kind) {
        this.access = access;
        this.kind = kind;
    }

    NamespacedItemKind<T> kind() {
        return kind;
    }

    Map<String, Object> get(RequestContext context, String namespace, String name) {
        access.enter(access.policy(context), namespace, kind.getRule());
        return kind.json().apply(find(namespace, name));
    }

    /** Creates the item {@code make} builds at the time of creation, once the caller may. */
    Map<String, Object> create(RequestContext context, String namespace, Function<Instant, T> make) {
        return create(context, namespace, ns -> {}, make);
    }

    /**
     * As {@link #create(RequestContext, String, Function)}, with a check of the visible namespace that comes before
     * the policy (Glance validates a tag's name there).
     */
    Map<String, Object> create(
            RequestContext context,
            String namespace,
            Consumer<MetadefNamespace> beforePolicy,
            Function<Instant, T> make) {
        MetadefPolicy policy = access.policy(context);
        MetadefNamespace ns = access.visibleNamespace(policy, namespace);
        beforePolicy.accept(ns);
        policy.enforce(kind.addRule(), ns);
        T item = make.apply(access.now());
        kind.add().accept(access.repository, item);
        return kind.json().apply(item);
    }

    /** Replaces the item called {@code name} by what {@code change} makes of it at the time of the update. */
    Map<String, Object> update(
            RequestContext context, String namespace, String name, BiFunction<T, Instant, T> change) {
        access.enter(access.policy(context), namespace, kind.modifyRule());
        T updated = change.apply(find(namespace, name), access.now());
        kind.update().update(access.repository, name, updated);
        return kind.json().apply(updated);
    }

    void delete(RequestContext context, String namespace, String name) {
        MetadefNamespace ns = access.enter(access.policy(context), namespace, kind.deleteRule());
        find(namespace, name);
        MetadefAccess.requireUnprotected(ns, "Metadata definition " + kind.word() + " " + name);
        if (!kind.remove().remove(access.repository, namespace, name)) {
            throw notFound(namespace, name);
        }
    }

    /** The item, or {@code NOT_FOUND}. */
    T find(String namespace, String name) {
        return kind.find().find(access.repository, namespace, name).orElseThrow(() -> notFound(namespace, name));
    }

    private GlanceException notFound(String namespace, String name) {
        return GlanceException.notFound("The metadata definition " + kind.word() + " with name=" + name
                + " was not found in namespace=" + namespace + ".");
    }
}
