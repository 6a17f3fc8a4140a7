package org.glance4j.core.importing;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code inject_image_metadata}: adds the properties of {@code [inject_metadata_properties] inject} to the image,
 * unless the importing user has one of the roles of {@code ignore_user_roles}.
 */
final class InjectMetadataPlugin implements ImportPlugin {

    private final Map<String, String> properties;
    private final List<String> ignoredRoles;

    InjectMetadataPlugin(Map<String, String> properties, List<String> ignoredRoles) {
        this.properties = properties;
        this.ignoredRoles = ignoredRoles.stream()
                .map(r -> r.trim().toLowerCase(Locale.ROOT))
                .toList();
    }

    @Override
    public String name() {
        return "inject_image_metadata";
    }

    @Override
    public void apply(ImportWork work) {
        if (work.roles.stream().anyMatch(ignoredRoles::contains)) {
            return;
        }
        work.extraProperties.putAll(properties);
    }
}
