package org.glance4j.bootstrap.api;

import java.net.URI;

/** {@link ProxiedImageDataContract} through Debian's Varnish 7.1 with the VCL of docs/caching-proxies.md. */
class VarnishImageDataTest extends ProxiedImageDataContract {
    private VarnishProxy varnish;

    @Override
    URI startProxy(URI backend) {
        varnish = VarnishProxy.start(ProxyConfigurations.varnish(backend));
        return varnish.baseUri();
    }

    @Override
    void stopProxy() {
        if (varnish != null) {
            varnish.close();
        }
    }
}
