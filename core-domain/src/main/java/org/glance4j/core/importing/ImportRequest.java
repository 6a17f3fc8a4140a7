package org.glance4j.core.importing;

import java.util.List;
import java.util.Map;
import org.glance4j.ports.error.GlanceException;

/**
 * The body of {@code POST /v2/images/{id}/import}, checked as Glance's deserializer checks it.
 *
 * @param body                 the body as sent (it becomes the task's {@code import_req})
 * @param method               the method name
 * @param uri                  the web-download source, or null
 * @param stores               the {@code stores} member, or null when absent
 * @param allStores            {@code all_stores}
 * @param allStoresMustSucceed {@code all_stores_must_succeed} (default true)
 */
record ImportRequest(
        Map<String, Object> body,
        String method,
        String uri,
        List<String> stores,
        boolean allStores,
        boolean allStoresMustSucceed) {

    static ImportRequest parse(Map<String, Object> body, List<String> enabledMethods) {
        if (body == null || !body.containsKey("method")) {
            throw GlanceException.invalid("Import request requires a 'method' field.");
        }
        if (!(body.get("method") instanceof Map<?, ?> method)) {
            throw GlanceException.invalid("Import request requires a 'method' field.");
        }
        if (!method.containsKey("name")) {
            throw GlanceException.invalid("Import request requires a 'name' field.");
        }
        Object name = method.get("name");
        if (!(name instanceof String methodName) || !enabledMethods.contains(methodName)) {
            throw GlanceException.invalid("Unknown import method name '" + name + "'.");
        }
        Object mustSucceed = body.getOrDefault("all_stores_must_succeed", Boolean.TRUE);
        if (!(mustSucceed instanceof Boolean allMust)) {
            throw GlanceException.invalid("'all_stores_must_succeed' must be boolean value only");
        }
        Object all = body.getOrDefault("all_stores", Boolean.FALSE);
        if (!(all instanceof Boolean allStores)) {
            throw GlanceException.invalid("'all_stores' must be boolean value only");
        }
        List<String> stores = null;
        if (body.containsKey("stores")) {
            if (!(body.get("stores") instanceof List<?> list) || !list.stream().allMatch(s -> s instanceof String)) {
                throw GlanceException.invalid("'stores' must be a list of store identifiers");
            }
            stores = list.stream().map(String.class::cast).toList();
        }
        Object uri = method.get("uri");
        if (uri != null && !(uri instanceof String)) {
            throw GlanceException.invalid("'uri' must be a string");
        }
        return new ImportRequest(body, methodName, (String) uri, stores, allStores, allMust);
    }

    boolean isCopy() {
        return method.equals("copy-image");
    }

    boolean isWebDownload() {
        return method.equals("web-download");
    }

    boolean isGlanceDirect() {
        return method.equals("glance-direct");
    }
}
