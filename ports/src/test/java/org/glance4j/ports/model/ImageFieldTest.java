package org.glance4j.ports.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageFieldTest {

    @Test
    void wireNamesAreGlancesAttributeNames() {
        assertThat(Arrays.stream(ImageField.values()).map(ImageField::wireName))
                .containsExactly(
                        "id",
                        "name",
                        "status",
                        "visibility",
                        "owner",
                        "container_format",
                        "disk_format",
                        "size",
                        "virtual_size",
                        "min_disk",
                        "min_ram",
                        "protected",
                        "os_hidden",
                        "checksum",
                        "os_hash_value",
                        "created_at",
                        "updated_at");
    }
}
