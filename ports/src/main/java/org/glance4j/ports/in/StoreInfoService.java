package org.glance4j.ports.in;

import java.util.List;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.RequestContext;
import org.glance4j.ports.model.StoreInfo;

/**
 * The discovery of image stores ({@code GET /v2/info/stores} and {@code GET /v2/info/stores/detail}). Stores are
 * listed in the operator's {@code enabled_backends} order; Glance's reserved stores ({@code os_glance_*}) never
 * appear.
 *
 * <p>These calls exist only when the operator configured several stores the multi-store way
 * ({@code enabled_backends}); with Glance's single-store form they answer {@code NOT_FOUND}, as Glance does.
 */
public interface StoreInfoService {

    /**
     * Whether stores are configured the multi-store way ({@code enabled_backends}). Then images show their
     * {@code stores}, {@code POST /v2/images} answers {@code OpenStack-image-store-ids} and the store APIs exist.
     */
    boolean multipleStores();

    /**
     * The stores as every caller may see them: id, description, default and read-only flags (the view leaves out
     * weight, type and properties).
     *
     * @throws GlanceException {@code NOT_FOUND} without multiple stores
     */
    List<StoreInfo> stores(RequestContext context);

    /**
     * The stores with their type, weight and type-specific properties.
     *
     * @throws GlanceException {@code NOT_FOUND} without multiple stores, {@code FORBIDDEN} when the
     *                         {@code stores_info_detail} policy refuses (admin or service role by default)
     */
    List<StoreInfo> storeDetails(RequestContext context);

    /** The ids of every configured store, for the {@code OpenStack-image-store-ids} header; empty when single. */
    List<String> storeIds();
}
