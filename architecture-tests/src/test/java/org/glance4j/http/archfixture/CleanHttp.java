package org.glance4j.http.archfixture;

/** Follows every rule: an adapter class over ports and its own libraries. */
public final class CleanHttp {
    public org.glance4j.ports.in.ImageService images;
    public com.fasterxml.jackson.databind.ObjectMapper mapper;
}
