package org.glance4j.bootstrap.api;

import java.net.URI;

/** {@link ProxiedImageDataContract} through Debian's Squid 5.7 with the squid.conf of docs/caching-proxies.md. */
class SquidImageDataTest extends ProxiedImageDataContract {
    private SquidProxy squid;

    @Override
    URI startProxy(URI backend) {
        squid = SquidProxy.start(backend);
        return squid.baseUri();
    }

    @Override
    void stopProxy() {
        if (squid != null) {
            squid.close();
        }
    }
}
