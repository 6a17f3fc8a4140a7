package org.glance4j.storage.archfixture;

/** Breaks rule (c): the storage adapter reaching into core-domain. */
public final class StorageUsingCore {
    public org.glance4j.core.settings.CoreSettings settings;
}
