package org.glance4j.bootstrap.archfixture;

/** Bootstrap code that names a store class: breaks rule (f). */
public class BootstrapNamingAStore {
    public org.glance4j.storage.file.FilesystemImageStoreFactory file;
}
