package org.glance4j.storage.file.archfixture;

/** A file store class that uses jclouds: breaks rule (f). */
public class FileStoreUsingJclouds {
    public org.jclouds.blobstore.BlobStore blobs;
}
