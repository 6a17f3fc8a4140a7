package org.glance4j.http;

import java.io.IOException;
import org.glance4j.ports.in.ImportService;

/** {@code GET /v2/info/import}: the import methods this site offers. */
final class InfoImportResource implements Resource {
    static final String ALLOW = "GET";

    private final ImportService importing;

    InfoImportResource(ImportService importing) {
        this.importing = importing;
    }

    @Override
    public void handle(ApiRequest request) throws IOException {
        Resource.requireGet(request, ALLOW);
        var info = importing.importInfo(request.context());
        Responses.json(request.exchange(), 200, g -> Json.MAPPER.writeValue(g, info));
    }
}
