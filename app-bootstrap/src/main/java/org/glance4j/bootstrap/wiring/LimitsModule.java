package org.glance4j.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import org.glance4j.http.KeystoneLimits;
import org.glance4j.http.KeystoneLimitsSettings;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.ProjectLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unified limits ({@code [DEFAULT] use_keystone_limits}): the Keystone reader of the limits when they are on,
 * nothing when they are off. The reader finds glance4j's endpoint at start, so that an {@code endpoint_id} Keystone
 * does not know stops the start; a Keystone that cannot be reached then only delays that to the first check.
 */
public final class LimitsModule extends AbstractModule {
    private static final Logger LOG = LoggerFactory.getLogger(LimitsModule.class);

    private final Optional<KeystoneLimitsSettings> settings;

    public LimitsModule(Optional<KeystoneLimitsSettings> settings) {
        this.settings = settings;
    }

    /** The limits, empty when unified limits are off. */
    public record Choice(Optional<ProjectLimits> limits) {}

    @Provides
    @Singleton
    Choice choice(Clock clock) {
        if (settings.isEmpty()) {
            return new Choice(Optional.empty());
        }
        KeystoneLimits limits = new KeystoneLimits(settings.get(), clock);
        try {
            limits.resolveEndpoint();
        } catch (GlanceException e) {
            LOG.warn(
                    "unified limits: Keystone at {} cannot be asked now ({}); the endpoint is looked up at the "
                            + "first check, which answers 503 until Keystone answers",
                    settings.get().authUrl(),
                    e.getMessage());
        }
        LOG.info(
                "unified limits on: read from Keystone at {}, each kept {} s",
                settings.get().authUrl(),
                settings.get().cacheTime().toSeconds());
        return new Choice(Optional.of(limits));
    }
}
