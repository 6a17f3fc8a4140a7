package org.glance4j.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.glance4j.ports.in.ImageList;
import org.glance4j.ports.in.ImageService;
import org.glance4j.ports.in.ListParameters;
import org.glance4j.ports.in.PatchOperation;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.model.RequestContext;

/** A hand-written {@link ImageService}: records every call and returns (or throws) what the test set. */
final class FakeImageService implements ImageService {
    /** One recorded call. */
    record Call(String method, RequestContext context, String imageId, Object argument) {}

    final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    volatile Image image = sampleImage();
    volatile ImageList page = new ImageList(List.of(), null);
    /** Runs inside {@code list}, before it answers (a slow database, in a test). */
    volatile java.util.function.Consumer<RequestContext> duringList = context -> {};

    volatile RuntimeException failure;

    static Image sampleImage() {
        return Image.builder("11111111-2222-3333-4444-555555555555", Instant.parse("2026-01-02T03:04:05.678Z"))
                .updatedAt(Instant.parse("2026-01-03T04:05:06Z"))
                .owner("p1")
                .build();
    }

    private void record(String method, RequestContext context, String imageId, Object argument) {
        calls.add(new Call(method, context, imageId, argument));
        if (failure != null) {
            throw failure;
        }
    }

    Call last() {
        return calls.get(calls.size() - 1);
    }

    @Override
    public Image create(RequestContext context, Map<String, Object> body) {
        record("create", context, null, body);
        return image;
    }

    @Override
    public Image get(RequestContext context, String imageId) {
        record("get", context, imageId, null);
        return image;
    }

    @Override
    public ImageList list(RequestContext context, ListParameters parameters) {
        record("list", context, null, parameters);
        duringList.accept(context);
        return page;
    }

    @Override
    public Image update(RequestContext context, String imageId, List<PatchOperation> operations) {
        record("update", context, imageId, operations);
        return image;
    }

    @Override
    public void delete(RequestContext context, String imageId) {
        record("delete", context, imageId, null);
    }
}
