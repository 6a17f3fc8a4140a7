package org.glance4j.core;

import org.glance4j.core.settings.CoreSettings;

import java.time.Clock;
import java.util.Objects;

import org.glance4j.core.image.DefaultImageService;
import org.glance4j.core.image.DefaultImageTagService;
import org.glance4j.core.image.ImageRules;
import org.glance4j.core.policy.PolicyEngine;
import org.glance4j.core.schema.DefaultSchemaService;
import org.glance4j.core.schema.ImageSchemaCatalog;
import org.glance4j.ports.in.ImageService;
import org.glance4j.ports.in.ImageTagService;
import org.glance4j.ports.in.SchemaService;
import org.glance4j.ports.out.ImageMemberRepository;
import org.glance4j.ports.out.ImageRepository;

/**
 * The core as a whole, what app-bootstrap and embedders build: the image, tag and schema use cases over the
 * repositories they are given, with Glance's rules and policies.
 *
 * <pre>{@code
 * GlanceCore core = GlanceCore.builder().images(imageRepo).members(memberRepo).build();
 * core.images().create(context, Map.of("name", "cirros"));
 * }</pre>
 */
public final class GlanceCore {

    private final ImageService images;
    private final ImageTagService tags;
    private final SchemaService schemas;

    private GlanceCore(Builder b) {
        PolicyEngine policies = PolicyEngine.withOverrides(b.settings.policyOverrides());
        ImageSchemaCatalog catalog = new ImageSchemaCatalog(b.settings);
        ImageRules rules = new ImageRules(catalog, b.settings);
        this.images = new DefaultImageService(b.images, b.members, policies, rules, b.settings, b.clock);
        this.tags = new DefaultImageTagService(b.images, b.members, policies, rules, b.clock);
        this.schemas = new DefaultSchemaService(catalog);
    }

    public static Builder builder() {
        return new Builder();
    }

    public ImageService images() {
        return images;
    }

    public ImageTagService tags() {
        return tags;
    }

    public SchemaService schemas() {
        return schemas;
    }

    /** Builds a {@link GlanceCore}; the repositories are required, settings and clock have defaults. */
    public static final class Builder {
        private ImageRepository images;
        private ImageMemberRepository members;
        private CoreSettings settings = CoreSettings.defaults();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder images(ImageRepository repository) {
            this.images = repository;
            return this;
        }

        public Builder members(ImageMemberRepository repository) {
            this.members = repository;
            return this;
        }

        public Builder settings(CoreSettings coreSettings) {
            this.settings = coreSettings;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the rule when a policy override does not parse
         * @throws NullPointerException when a repository is missing
         */
        public GlanceCore build() {
            Objects.requireNonNull(images, "images repository");
            Objects.requireNonNull(members, "members repository");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(clock, "clock");
            return new GlanceCore(this);
        }
    }
}
