package org.glance4j.storage.rbd;

import com.sun.jna.Memory;
import org.glance4j.ports.out.store.support.PositionedSource;
import org.glance4j.ports.out.store.support.StoreErrors;
import org.glance4j.ports.out.store.support.StoreOperation;

/**
 * An image's snapshot opened read-only, read at any position with {@code rbd_read} through one native buffer.
 * Closing it closes the snapshot and its pool.
 */
final class RbdSnapshotSource implements PositionedSource {
    private static final int BUFFER = 4 * 1024 * 1024;

    private final RbdPool pool;
    private final RbdImage snapshot;
    private final StoreErrors errors;
    private Memory buffer;

    private RbdSnapshotSource(RbdPool pool, RbdImage snapshot, StoreErrors errors) {
        this.pool = pool;
        this.snapshot = snapshot;
        this.errors = errors;
    }

    /** Opens the snapshot at {@code where}; {@code ENOENT} when the pool has no such image or snapshot. */
    static RbdSnapshotSource open(RadosConnection connection, RbdLocation where, StoreErrors errors) {
        RbdPool pool = connection.openPool(where.pool());
        try {
            return new RbdSnapshotSource(pool, pool.openSnapshot(where.image(), where.snapshot()), errors);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    long size() {
        return snapshot.size();
    }

    @Override
    public int read(long position, byte[] target, int offset, int length) {
        if (buffer == null) {
            buffer = new Memory(BUFFER);
        }
        int wanted = Math.min(length, BUFFER);
        long got;
        try {
            got = snapshot.read(position, buffer, wanted);
        } catch (CephException e) {
            throw errors.translate(StoreOperation.READ, e);
        }
        if (got <= 0) {
            return -1;
        }
        buffer.read(0, target, offset, (int) got);
        return (int) got;
    }

    @Override
    public void close() {
        try {
            snapshot.close();
        } finally {
            pool.close();
            if (buffer != null) {
                buffer.close();
            }
        }
    }
}
