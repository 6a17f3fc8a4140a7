package org.glance4j.storage.cache.archfixture;

/** Breaks rule (c): the image cache adapter reaching into the image stores that share its package space. */
public final class CacheFilesUsingStore {
    public org.glance4j.storage.archfixture.StorageUsingCore store;
}
