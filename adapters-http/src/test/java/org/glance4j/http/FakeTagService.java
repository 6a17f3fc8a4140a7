package org.glance4j.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.glance4j.ports.in.ImageTagService;
import org.glance4j.ports.model.RequestContext;

/** A hand-written {@link ImageTagService} that records calls as {@code add imageId tag}. */
final class FakeTagService implements ImageTagService {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    volatile RuntimeException failure;

    @Override
    public void addTag(RequestContext context, String imageId, String tag) {
        calls.add("add " + imageId + " " + tag);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void removeTag(RequestContext context, String imageId, String tag) {
        calls.add("remove " + imageId + " " + tag);
        if (failure != null) {
            throw failure;
        }
    }
}
