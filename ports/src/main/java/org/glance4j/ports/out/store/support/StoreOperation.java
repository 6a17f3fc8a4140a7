package org.glance4j.ports.out.store.support;

/** What a store was doing when its backend failed, in the words of the error message. */
public enum StoreOperation {
    WRITE("write image data"),
    READ("read image data"),
    SIZE("read the size of image data"),
    DELETE("delete image data"),
    /** Checking the backend at start-up (its container, pool, directory). */
    CHECK("check its backend"),
    /** Connecting to the backend. */
    CONNECT("connect to its backend");

    private final String text;

    StoreOperation(String text) {
        this.text = text;
    }

    /** The words for a message: "Store 'x' cannot {@code <text>}: ...". */
    public String text() {
        return text;
    }
}
