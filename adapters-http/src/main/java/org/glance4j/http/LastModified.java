package org.glance4j.http;

import io.undertow.util.DateUtils;
import java.util.Date;
import org.glance4j.ports.model.Image;

/**
 * The {@code Last-Modified} of an image's data and the {@code If-Modified-Since} that compares with it. The bytes
 * of an image never change once it has data, but the record keeps no moment of their upload, so the date is the
 * record's {@code updated_at}: never earlier than the bytes (no cache is told that an older copy is current), at
 * worst later (a metadata change makes a cache fetch bytes it had). The {@code ETag} is the exact validator; this
 * one serves caches that revalidate by date alone.
 */
final class LastModified {
    private LastModified() {}

    /** The HTTP date of the image's last change, whole seconds. */
    static String of(Image image) {
        return DateUtils.toDateString(Date.from(image.updatedAt()));
    }

    /**
     * Whether {@code ifModifiedSince} (an HTTP date) is no earlier than the image's last change, whole seconds;
     * a date that does not parse never is (RFC 9110 13.1.3: the header is then ignored).
     */
    static boolean notModifiedSince(Image image, String ifModifiedSince) {
        Date since = ifModifiedSince == null ? null : DateUtils.parseDate(ifModifiedSince.trim());
        return since != null && image.updatedAt().getEpochSecond() <= since.getTime() / 1000;
    }
}
