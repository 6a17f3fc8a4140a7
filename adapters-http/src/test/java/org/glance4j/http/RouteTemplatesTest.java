package org.glance4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Path templates: ids, names and tags become placeholders, literal segments stay. */
class RouteTemplatesTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "images | /v2/images",
                "images/5c4f0c6e-1a2b-4c3d-9e8f-001122334455 | /v2/images/{image_id}",
                "images/x/file | /v2/images/{image_id}/file",
                "images/x/stage | /v2/images/{image_id}/stage",
                "images/x/tags/file | /v2/images/{image_id}/tags/{tag}",
                "images/x/members/p1 | /v2/images/{image_id}/members/{member_id}",
                "images/x/actions/deactivate | /v2/images/{image_id}/actions/{action}",
                "stores/fast/x | /v2/stores/{store_id}/{image_id}",
                "info/stores/detail | /v2/info/stores/detail",
                "schemas/images | /v2/schemas/images",
                "schemas/metadefs/namespace | /v2/schemas/metadefs/namespace",
                "tasks/t1 | /v2/tasks/{task_id}",
                "metadefs/namespaces/objects/objects/objects | /v2/metadefs/namespaces/{namespace}/objects/{object}",
                "metadefs/namespaces/OS::Compute/resource_types/OS::Glance::Image | "
                        + "/v2/metadefs/namespaces/{namespace}/resource_types/{resource_type}",
            })
    void placeholdersReplaceWhatClientsChoose(String path, String template) {
        assertThat(RouteTemplates.of(List.of(path.split("/")))).isEqualTo(template);
    }
}
