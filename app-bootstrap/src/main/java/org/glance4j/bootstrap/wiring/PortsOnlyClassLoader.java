package org.glance4j.bootstrap.wiring;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The parent of every store plugin's class loader: it shows the JDK (through the platform class loader) and the
 * ports API ({@code org.glance4j.ports..}, from the server's own class loader), and nothing else of the server, so
 * that a plugin cannot come to depend on the core, an adapter or a library the server happens to carry.
 */
final class PortsOnlyClassLoader extends ClassLoader {
    private static final String PORTS_PACKAGE = "org.glance4j.ports.";
    private static final String PORTS_PATH = "org/glance4j/ports/";

    private final ClassLoader server;

    PortsOnlyClassLoader(ClassLoader server) {
        super("glance4j-ports-api", ClassLoader.getPlatformClassLoader());
        this.server = server;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (name.startsWith(PORTS_PACKAGE)) {
            return server.loadClass(name);
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        return name.startsWith(PORTS_PATH) ? server.getResource(name) : null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        return name.startsWith(PORTS_PATH) ? server.getResources(name) : Collections.emptyEnumeration();
    }
}
