package org.glance4j.storage.rbd;

/**
 * A librados or librbd call that returned a negative errno. Stays inside this package: the store turns it into a
 * {@link org.glance4j.ports.error.GlanceException} ({@link RbdErrors}).
 */
final class CephException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EIO = 5;
    static final int EACCES = 13;
    static final int EBUSY = 16;
    static final int EEXIST = 17;
    static final int EINVAL = 22;
    static final int ENOSPC = 28;
    static final int ERANGE = 34;
    static final int ENOSYS = 38;
    static final int ENOTEMPTY = 39;
    static final int ESHUTDOWN = 108;
    static final int ETIMEDOUT = 110;
    static final int EDQUOT = 122;

    private final String call;
    private final int errno;

    CephException(String call, int errno) {
        super(call + " failed with errno " + errno);
        this.call = call;
        this.errno = errno;
    }

    CephException(String call, int errno, Throwable cause) {
        super(call + " failed with errno " + errno, cause);
        this.call = call;
        this.errno = errno;
    }

    /** The C function that failed. */
    String call() {
        return call;
    }

    /** The positive errno it returned (as {@code -errno}). */
    int errno() {
        return errno;
    }

    /** Returns {@code rc} when it is not negative; throws for a negative errno. */
    static long check(long rc, String call) {
        if (rc < 0) {
            throw new CephException(call, (int) -rc);
        }
        return rc;
    }
}
