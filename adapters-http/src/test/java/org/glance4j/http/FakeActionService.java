package org.glance4j.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.glance4j.ports.in.ImageActionService;
import org.glance4j.ports.model.RequestContext;

/** A hand-written {@link ImageActionService} that records calls as {@code deactivate imageId}. */
final class FakeActionService implements ImageActionService {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    volatile RuntimeException failure;

    @Override
    public void deactivate(RequestContext context, String imageId) {
        calls.add("deactivate " + imageId);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void reactivate(RequestContext context, String imageId) {
        calls.add("reactivate " + imageId);
        if (failure != null) {
            throw failure;
        }
    }
}
