package org.glance4j.storage.rbd;

import com.sun.jna.Native;

/**
 * Loads librados and librbd once per class loader. Debian ships them as {@code librados.so.2} and
 * {@code librbd.so.1} (packages {@code librados2} and {@code librbd1}) without the unversioned development links,
 * so the versioned names are tried after the plain ones.
 */
final class CephLibraries {
    private static volatile Loaded loaded;

    private CephLibraries() {}

    private record Loaded(Librados rados, Librbd rbd) {}

    static Librados rados() {
        return load().rados();
    }

    static Librbd rbd() {
        return load().rbd();
    }

    private static Loaded load() {
        Loaded result = loaded;
        if (result == null) {
            synchronized (CephLibraries.class) {
                result = loaded;
                if (result == null) {
                    result = new Loaded(
                            library(Librados.class, "rados", "librados.so.2"),
                            library(Librbd.class, "rbd", "librbd.so.1"));
                    loaded = result;
                }
            }
        }
        return result;
    }

    private static <T extends com.sun.jna.Library> T library(Class<T> type, String name, String versioned) {
        try {
            return Native.load(name, type);
        } catch (UnsatisfiedLinkError plain) {
            try {
                return Native.load(versioned, type);
            } catch (UnsatisfiedLinkError failure) {
                throw new CephException(
                        "load lib" + name + " (install Debian's librados2 and librbd1)", CephException.ENOSYS, failure);
            }
        }
    }
}
