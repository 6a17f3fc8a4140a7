package org.glance4j.http;

import java.io.IOException;
import java.util.Map;
import org.glance4j.ports.in.metadef.MetadefNamespaceService;
import org.glance4j.ports.in.metadef.MetadefObjectService;
import org.glance4j.ports.in.metadef.MetadefPropertyService;
import org.glance4j.ports.in.metadef.MetadefResourceTypeService;
import org.glance4j.ports.in.metadef.MetadefTagService;

/**
 * The paths of one namespace and of the named items inside it (objects, properties, tags): each kind's collection
 * ({@code GET}, {@code POST}, {@code DELETE} of them all) and item ({@code GET}, {@code PUT}, {@code DELETE}), with
 * what differs between kinds stated here: properties show one with {@code ?resource_type=} (its prefix taken off),
 * tags are created several at a time on the collection (replacing the others unless {@code X-Openstack-Append} is
 * true) or one at a time by {@code POST} on the item, and the methods where a body is refused. The resource types
 * are here too: every type ({@code GET} only: types come with associations), a namespace's associations
 * ({@code GET}, {@code POST}) and one association ({@code DELETE}).
 */
final class MetadefEndpoints {

    private MetadefEndpoints() {}

    /** {@code GET} (with {@code ?resource_type=} to prefix property names), {@code PUT} and {@code DELETE}. */
    static MetadefEndpoint namespace(MetadefNamespaceService namespaces) {
        return MetadefEndpoint.ofNamespace()
                .on(
                        "GET",
                        MetadefEndpoint.bodiless((request, ns, name) -> ok(
                                request,
                                namespaces.get(
                                        request.context(), ns, MetadefResponses.parameter(request, "resource_type")))))
                .on(
                        "PUT",
                        (request, ns, name) -> ok(
                                request, namespaces.update(request.context(), ns, JsonBodyParser.parseObject(request))))
                .on(
                        "DELETE",
                        MetadefEndpoint.bodiless(
                                noContent((request, ns, name) -> namespaces.delete(request.context(), ns))));
    }

    static MetadefEndpoint objects(MetadefObjectService objects, MetadefNamespaceService namespaces) {
        return MetadefEndpoint.ofNamespace()
                .on(
                        "GET",
                        (request, ns, name) ->
                                ok(request, objects.list(request.context(), ns, MetadefResponses.parameters(request))))
                .on(
                        "POST",
                        (request, ns, name) -> created(
                                request, objects.create(request.context(), ns, JsonBodyParser.parseObject(request))))
                .on("DELETE", noContent((request, ns, name) -> namespaces.deleteObjects(request.context(), ns)));
    }

    static MetadefEndpoint object(MetadefObjectService objects) {
        return MetadefEndpoint.ofItem()
                .on(
                        "GET",
                        MetadefEndpoint.bodiless(
                                (request, ns, name) -> ok(request, objects.get(request.context(), ns, name))))
                .on(
                        "PUT",
                        (request, ns, name) -> ok(
                                request,
                                objects.update(request.context(), ns, name, JsonBodyParser.parseObject(request))))
                .on(
                        "DELETE",
                        MetadefEndpoint.bodiless(
                                noContent((request, ns, name) -> objects.delete(request.context(), ns, name))));
    }

    static MetadefEndpoint properties(MetadefPropertyService properties, MetadefNamespaceService namespaces) {
        return MetadefEndpoint.ofNamespace()
                .on(
                        "GET",
                        MetadefEndpoint.bodiless(
                                (request, ns, name) -> ok(request, properties.list(request.context(), ns))))
                .on(
                        "POST",
                        (request, ns, name) -> created(
                                request, properties.create(request.context(), ns, JsonBodyParser.parseObject(request))))
                .on("DELETE", noContent((request, ns, name) -> namespaces.deleteProperties(request.context(), ns)));
    }

    static MetadefEndpoint property(MetadefPropertyService properties) {
        return MetadefEndpoint.ofItem()
                .on(
                        "GET",
                        (request, ns, name) -> ok(
                                request,
                                properties.get(
                                        request.context(),
                                        ns,
                                        name,
                                        MetadefResponses.parameter(request, "resource_type"))))
                .on(
                        "PUT",
                        (request, ns, name) -> ok(
                                request,
                                properties.update(request.context(), ns, name, JsonBodyParser.parseObject(request))))
                .on("DELETE", noContent((request, ns, name) -> properties.delete(request.context(), ns, name)));
    }

    static MetadefEndpoint tags(MetadefTagService tags, MetadefNamespaceService namespaces) {
        return MetadefEndpoint.ofNamespace()
                .on(
                        "GET",
                        (request, ns, name) ->
                                ok(request, tags.list(request.context(), ns, MetadefResponses.parameters(request))))
                .on(
                        "POST",
                        (request, ns, name) -> created(
                                request,
                                tags.createMany(
                                        request.context(),
                                        ns,
                                        JsonBodyParser.parseObject(request),
                                        MetadefResponses.append(request))))
                .on("DELETE", noContent((request, ns, name) -> namespaces.deleteTags(request.context(), ns)));
    }

    static MetadefEndpoint tag(MetadefTagService tags) {
        return MetadefEndpoint.ofItem()
                .on(
                        "GET",
                        MetadefEndpoint.bodiless(
                                (request, ns, name) -> ok(request, tags.get(request.context(), ns, name))))
                .on(
                        "POST",
                        MetadefEndpoint.bodiless(
                                (request, ns, name) -> created(request, tags.create(request.context(), ns, name))))
                .on(
                        "PUT",
                        (request, ns, name) -> ok(
                                request, tags.update(request.context(), ns, name, JsonBodyParser.parseObject(request))))
                .on(
                        "DELETE",
                        MetadefEndpoint.bodiless(
                                noContent((request, ns, name) -> tags.delete(request.context(), ns, name))));
    }

    static MetadefEndpoint resourceTypes(MetadefResourceTypeService types) {
        return MetadefEndpoint.ofCatalog()
                .on("GET", MetadefEndpoint.bodiless((request, ns, name) -> ok(request, types.list(request.context()))));
    }

    static MetadefEndpoint associations(MetadefResourceTypeService types) {
        return MetadefEndpoint.ofNamespace()
                .on(
                        "GET",
                        MetadefEndpoint.bodiless(
                                (request, ns, name) -> ok(request, types.listAssociations(request.context(), ns))))
                .on(
                        "POST",
                        (request, ns, name) -> created(
                                request, types.associate(request.context(), ns, JsonBodyParser.parseObject(request))));
    }

    static MetadefEndpoint association(MetadefResourceTypeService types) {
        return MetadefEndpoint.ofItem()
                .on(
                        "DELETE",
                        MetadefEndpoint.bodiless(
                                noContent((request, ns, name) -> types.dissociate(request.context(), ns, name))));
    }

    /** Does {@code action}, then answers 204 without a body. */
    private static MetadefEndpoint.Handler noContent(MetadefEndpoint.Handler action) {
        return (request, ns, name) -> {
            action.handle(request, ns, name);
            Responses.noContent(request.exchange());
        };
    }

    private static void ok(ApiRequest request, Map<String, Object> body) throws IOException {
        MetadefResponses.json(request, 200, body);
    }

    private static void created(ApiRequest request, Map<String, Object> body) throws IOException {
        MetadefResponses.json(request, 201, body);
    }
}
