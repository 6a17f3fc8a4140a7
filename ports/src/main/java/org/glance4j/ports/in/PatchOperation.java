package org.glance4j.ports.in;

import java.util.Objects;

/**
 * One operation of a JSON patch on an image ({@code application/openstack-images-v2.1-json-patch}), as the client
 * sent it. The core validates it: which ops are allowed, which paths exist, and the type of the value.
 *
 * @param op       the operation name as sent ({@code add}, {@code replace}, {@code remove}, ...)
 * @param path     the JSON pointer as sent, e.g. {@code /name} or {@code /tags}
 * @param value    the JSON value as plain JDK objects (see {@link ImageService}); meaningful only when
 *                 {@code hasValue} is true
 * @param hasValue whether the client sent a {@code value} member at all (a JSON {@code null} is a value)
 */
public record PatchOperation(String op, String path, Object value, boolean hasValue) {
    public PatchOperation {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(path, "path");
    }

    public static PatchOperation add(String path, Object value) {
        return new PatchOperation("add", path, value, true);
    }

    public static PatchOperation replace(String path, Object value) {
        return new PatchOperation("replace", path, value, true);
    }

    public static PatchOperation remove(String path) {
        return new PatchOperation("remove", path, null, false);
    }
}
