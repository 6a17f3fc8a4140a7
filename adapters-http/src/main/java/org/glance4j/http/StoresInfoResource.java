package org.glance4j.http;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.in.StoreInfoService;
import org.glance4j.ports.model.StoreInfo;

/**
 * {@code GET /v2/info/stores} (id, description, and {@code "default": "true"} / {@code "read-only": "true"} as
 * strings, as Glance writes them) and {@code GET /v2/info/stores/detail} (the same, plus type, weight and the
 * type's properties).
 */
final class StoresInfoResource implements Resource {
    static final String ALLOW = "GET";

    private final StoreInfoService stores;
    private final boolean detail;

    StoresInfoResource(StoreInfoService stores, boolean detail) {
        this.stores = stores;
        this.detail = detail;
    }

    @Override
    public void handle(ApiRequest request) throws IOException {
        Resource.requireGet(request, ALLOW);
        List<StoreInfo> infos = detail ? stores.storeDetails(request.context()) : stores.stores(request.context());
        Responses.json(request.exchange(), 200, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("stores");
            for (StoreInfo info : infos) {
                write(g, info);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private void write(JsonGenerator g, StoreInfo info) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", info.id());
        if (info.description() != null && !info.description().isEmpty()) {
            g.writeStringField("description", info.description());
        }
        if (info.isDefault()) {
            g.writeStringField("default", "true");
        }
        if (info.readOnly()) {
            g.writeStringField("read-only", "true");
        }
        if (detail) {
            g.writeStringField("type", info.type());
            g.writeObjectFieldStart("properties");
            for (Map.Entry<String, Object> p : info.properties().entrySet()) {
                writeValue(g, p.getKey(), p.getValue());
            }
            g.writeEndObject();
            g.writeNumberField("weight", info.weight());
        }
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, String name, Object value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer i) {
            g.writeNumber(i);
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else {
            g.writeString(String.valueOf(value));
        }
    }
}
