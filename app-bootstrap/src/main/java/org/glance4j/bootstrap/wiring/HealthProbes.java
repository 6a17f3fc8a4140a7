package org.glance4j.bootstrap.wiring;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.glance4j.http.HealthProbe;
import org.glance4j.ports.out.ImageRepository;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.out.store.StoredObject;

/**
 * The checks of the detailed healthcheck: the database answers a lookup, and each store that can write takes and
 * deletes an empty object (a store that cannot write is read-only and left alone).
 */
final class HealthProbes {

    private HealthProbes() {}

    static List<HealthProbe> of(ImageRepository images, List<ImageStore> stores) {
        List<HealthProbe> probes = new ArrayList<>();
        probes.add(probe("database", () -> {
            long start = System.nanoTime();
            images.find(UUID.randomUUID().toString());
            return "looked up an image in " + (System.nanoTime() - start) / 1_000_000 + " ms";
        }));
        for (ImageStore store : stores) {
            probes.add(probe("store:" + store.id(), () -> {
                if (!store.capabilities().containsAll(List.of(StoreCapability.WRITE, StoreCapability.DELETE))) {
                    return "the store cannot both write and delete, so it is not written to";
                }
                long start = System.nanoTime();
                StoredObject object =
                        store.write(UUID.randomUUID().toString(), new ByteArrayInputStream(new byte[0]), 0);
                store.delete(object.location());
                return "wrote and deleted an empty object in " + (System.nanoTime() - start) / 1_000_000 + " ms";
            }));
        }
        return probes;
    }

    private static HealthProbe probe(String name, Check check) {
        return new HealthProbe() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String check() throws Exception {
                return check.run();
            }
        };
    }

    private interface Check {
        String run() throws Exception;
    }
}
