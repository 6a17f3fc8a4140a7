package org.glance4j.core.data;

import java.util.List;
import org.glance4j.core.policy.ImageTargets;
import org.glance4j.core.policy.PolicyEngine;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.in.StoreInfoService;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.StoreInfo;

/**
 * The stores an operator configured, for {@code /v2/info/stores}; see {@link StoreInfoService}. The detail view
 * is guarded by {@code stores_info_detail} (admin or the service role by default).
 */
public final class DefaultStoreInfoService implements StoreInfoService {

    private static final String RESERVED_PREFIX = "os_glance_";

    private final ImageStores stores;
    private final PolicyEngine policies;

    public DefaultStoreInfoService(ImageStores stores, PolicyEngine policies) {
        this.stores = stores;
        this.policies = policies;
    }

    @Override
    public boolean multipleStores() {
        return stores.multiple();
    }

    @Override
    public List<StoreInfo> stores(RequestContext context) {
        requireMultiple();
        return visible();
    }

    @Override
    public List<StoreInfo> storeDetails(RequestContext context) {
        requireMultiple();
        if (!policies.allows("stores_info_detail", context, ImageTargets.project(context.projectId()))) {
            throw GlanceException.forbidden("You are not authorized to complete stores_info_detail action.");
        }
        return visible();
    }

    @Override
    public List<String> storeIds() {
        return stores.infos().stream().map(StoreInfo::id).toList();
    }

    private List<StoreInfo> visible() {
        return stores.infos().stream()
                .filter(s -> !s.id().startsWith(RESERVED_PREFIX))
                .toList();
    }

    private void requireMultiple() {
        if (!stores.multiple()) {
            throw GlanceException.notFound("Multi backend is not supported at this site.");
        }
    }
}
