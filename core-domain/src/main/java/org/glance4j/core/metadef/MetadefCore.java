package org.glance4j.core.metadef;

import java.time.Clock;
import org.glance4j.core.policy.PolicyEngine;
import org.glance4j.core.settings.CoreSettings;
import org.glance4j.ports.in.metadef.MetadefServices;
import org.glance4j.ports.out.metadef.MetadefRepository;

/** Builds the metadef use cases over one repository, sharing the core's policies, settings and clock. */
public final class MetadefCore {

    private MetadefCore() {}

    public static MetadefServices services(
            MetadefRepository repository, PolicyEngine policies, CoreSettings settings, Clock clock) {
        MetadefSchemas schemas = new MetadefSchemas();
        MetadefAccess access = new MetadefAccess(repository, policies, schemas, clock);
        return new MetadefServices(
                new DefaultMetadefNamespaceService(access, settings),
                new DefaultMetadefObjectService(access),
                new DefaultMetadefPropertyService(access),
                new DefaultMetadefTagService(access),
                new DefaultMetadefResourceTypeService(access),
                schemas,
                new DefaultMetadefCatalogService(access));
    }
}
