package org.glance4j.storage.file.archfixture;

/** A file store class that uses the http store: breaks rule (f). */
public class FileStoreUsingHttpStore {
    public org.glance4j.storage.http.HttpImageStoreFactory other;
}
