package org.glance4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A server built without the metadata definitions catalog answers its paths as unknown ones: 404. */
class MetadefRoutingTest {
    private final ServerFixture fx = new ServerFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void withoutMetadefServicesTheCatalogPathsAre404() {
        for (String path : new String[] {
            "/v2/metadefs/namespaces",
            "/v2/metadefs/namespaces/OS::X",
            "/v2/metadefs/resource_types",
            "/v2/schemas/metadefs/namespace",
            "/v2/metadefs"
        }) {
            assertThat(fx.get(path, "Accept", "application/json").statusCode())
                    .as(path)
                    .isEqualTo(404);
        }
        assertThat(fx.get("/v2/schemas/image", "Accept", "application/json").statusCode())
                .isEqualTo(200);
    }
}
