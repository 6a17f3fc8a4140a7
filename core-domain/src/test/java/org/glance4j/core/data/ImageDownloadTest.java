package org.glance4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glance4j.core.CoreFixture.ADMIN;
import static org.glance4j.core.CoreFixture.OTHER_MEMBER;
import static org.glance4j.core.CoreFixture.OTHER_READER;
import static org.glance4j.core.CoreFixture.OWNER_MEMBER;
import static org.glance4j.core.CoreFixture.OWNER_READER;
import static org.glance4j.core.CoreFixture.assertFails;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.EnumSet;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.in.ImageDownload;
import org.glance4j.ports.in.RangeRequest;
import org.glance4j.ports.model.FileRegion;
import org.glance4j.ports.model.Image;
import org.glance4j.ports.out.store.ByteRange;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.testing.store.ForwardingImageStore;
import org.glance4j.ports.testing.store.GeneratedBytes;
import org.glance4j.ports.testing.store.InMemoryImageStore;
import org.junit.jupiter.api.Test;

class ImageDownloadTest {

    private static final int SIZE = 1000;
    private final byte[] bytes = GeneratedBytes.array(SIZE, 9);
    private final InMemoryImageStore store = new InMemoryImageStore("mem");
    private final DataFixture f = new DataFixture(store);

    private Image active() {
        Image image = f.queued("raw", "bare");
        return f.upload(image, new ByteArrayInputStream(bytes), SIZE);
    }

    private byte[] read(ImageDownload download) throws Exception {
        try (download) {
            return download.body().readAllBytes();
        }
    }

    @Test
    void wholeImage() throws Exception {
        Image image = active();
        ImageDownload download = f.core.imageData().download(OWNER_MEMBER, image.id(), null);
        assertThat(download.partial()).isFalse();
        assertThat(download.offset()).isZero();
        assertThat(download.length()).isEqualTo(SIZE);
        assertThat(download.total()).isEqualTo(SIZE);
        assertThat(download.image().checksum()).isEqualTo(image.checksum());
        assertThat(read(download)).isEqualTo(bytes);
    }

    @Test
    void imageWithoutDataHasNoBody() {
        Image image = f.queued("raw", "bare");
        ImageDownload download = f.core.imageData().download(OWNER_MEMBER, image.id(), null);
        assertThat(download.hasData()).isFalse();
        assertThat(f.core.imageData()
                        .download(OWNER_MEMBER, image.id(), RangeRequest.from(0, 1L))
                        .hasData())
                .isFalse();
    }

    @Test
    void rangesAtTheEdges() throws Exception {
        Image image = active();
        assertRange(image, RangeRequest.from(0, 0L), 0, 1, true);
        assertRange(image, RangeRequest.from(999, 999L), 999, 1, true);
        assertRange(image, RangeRequest.from(10, 5000L), 10, 990, true);
        assertRange(image, RangeRequest.from(500, null), 500, 500, true);
        assertRange(image, RangeRequest.from(0, 999L), 0, 1000, true);
        assertRange(image, RangeRequest.suffix(1), 999, 1, true);
        assertRange(image, RangeRequest.suffix(5000), 0, 1000, true);
        for (RangeRequest bad : new RangeRequest[] {
            RangeRequest.from(1000, null),
            RangeRequest.from(1000, 2000L),
            RangeRequest.from(5, 4L),
            RangeRequest.suffix(0)
        }) {
            assertFails(
                    ErrorCategory.RANGE_NOT_SATISFIABLE,
                    () -> f.core.imageData().download(OWNER_MEMBER, image.id(), bad));
        }
    }

    @Test
    void anyRangeOfAZeroByteImageIsNotSatisfiable() throws Exception {
        Image image = f.upload(f.queued("raw", "bare"), InputStream.nullInputStream(), 0);
        assertThat(read(f.core.imageData().download(OWNER_MEMBER, image.id(), null)))
                .isEmpty();
        assertFails(
                ErrorCategory.RANGE_NOT_SATISFIABLE,
                () -> f.core.imageData().download(OWNER_MEMBER, image.id(), RangeRequest.from(0, null)));
        assertFails(
                ErrorCategory.RANGE_NOT_SATISFIABLE,
                () -> f.core.imageData().download(OWNER_MEMBER, image.id(), RangeRequest.suffix(1)));
    }

    private void assertRange(Image image, RangeRequest range, long offset, long length, boolean partial)
            throws Exception {
        ImageDownload d = f.core.imageData().download(OWNER_MEMBER, image.id(), range);
        assertThat(d.offset()).isEqualTo(offset);
        assertThat(d.length()).isEqualTo(length);
        assertThat(d.partial()).isEqualTo(partial);
        assertThat(d.total()).isEqualTo(SIZE);
        assertThat(read(d)).isEqualTo(Arrays.copyOfRange(bytes, (int) offset, (int) (offset + length)));
    }

    @Test
    void policyPerPersona() throws Exception {
        Image image = active();
        assertFails(
                ErrorCategory.FORBIDDEN,
                "download_image",
                () -> f.core.imageData().download(OWNER_READER, image.id(), null));
        assertFails(ErrorCategory.NOT_FOUND, () -> f.core.imageData().download(OTHER_MEMBER, image.id(), null));
        assertThat(read(f.core.imageData().download(ADMIN, image.id(), null))).isEqualTo(bytes);

        Image community =
                f.upload(f.queued(OWNER_MEMBER, "community", "raw", "bare"), new ByteArrayInputStream(bytes), SIZE);
        assertThat(read(f.core.imageData().download(OTHER_MEMBER, community.id(), null)))
                .isEqualTo(bytes);
        assertFails(ErrorCategory.FORBIDDEN, () -> f.core.imageData().download(OTHER_READER, community.id(), null));
    }

    @Test
    void deactivatedImageDownloadsForAdminsOnly() throws Exception {
        Image image = active();
        f.core.actions().deactivate(OWNER_MEMBER, image.id());
        assertFails(
                ErrorCategory.FORBIDDEN,
                "The requested image has been deactivated. Image data download is forbidden.",
                () -> f.core.imageData().download(OWNER_MEMBER, image.id(), null));
        assertThat(read(f.core.imageData().download(ADMIN, image.id(), null))).isEqualTo(bytes);
        f.core.actions().reactivate(OWNER_MEMBER, image.id());
        assertThat(read(f.core.imageData().download(OWNER_MEMBER, image.id(), null)))
                .isEqualTo(bytes);
    }

    @Test
    void downloadableRunsTheChecksOfADownloadWithoutOpeningTheData() {
        Image image = active();
        store.setUnavailable(true); // any read would fail: the check must not read
        assertThat(f.core.imageData().downloadable(OWNER_MEMBER, image.id()).osHashValue())
                .isEqualTo(image.osHashValue());
        assertFails(
                ErrorCategory.FORBIDDEN,
                "download_image",
                () -> f.core.imageData().downloadable(OWNER_READER, image.id()));
        assertFails(ErrorCategory.NOT_FOUND, () -> f.core.imageData().downloadable(OTHER_MEMBER, image.id()));
        f.core.actions().deactivate(OWNER_MEMBER, image.id());
        assertFails(
                ErrorCategory.FORBIDDEN,
                "The requested image has been deactivated. Image data download is forbidden.",
                () -> f.core.imageData().downloadable(OWNER_MEMBER, image.id()));
        assertThat(f.core.imageData().downloadable(ADMIN, image.id()).hasData()).isTrue();
        store.setUnavailable(false);
        f.core.images().delete(ADMIN, image.id());
        assertFails(ErrorCategory.NOT_FOUND, () -> f.core.imageData().downloadable(ADMIN, image.id()));
        assertThat(f.core.imageData()
                        .downloadable(OWNER_MEMBER, f.queued("raw", "bare").id())
                        .hasData())
                .isFalse();
    }

    @Test
    void storeWithoutRangeReadsRefusesRangesTheStandardWay() throws Exception {
        InMemoryImageStore wholeOnly = new InMemoryImageStore(
                "whole", EnumSet.of(StoreCapability.READ, StoreCapability.WRITE, StoreCapability.DELETE));
        DataFixture fixture = new DataFixture(wholeOnly);
        Image image = fixture.upload(fixture.queued("raw", "bare"), new ByteArrayInputStream(bytes), SIZE);
        assertFails(
                ErrorCategory.NOT_IMPLEMENTED,
                "does not support read range",
                () -> fixture.core.imageData().download(OWNER_MEMBER, image.id(), RangeRequest.from(0, 1L)));
        assertThat(read(fixture.core.imageData().download(OWNER_MEMBER, image.id(), null)))
                .isEqualTo(bytes);
    }

    @Test
    void dataMissingFromTheStoreAnswersAsNoData() {
        Image image = active();
        store.delete(image.locations().get(0).url());
        assertThat(f.core.imageData().download(OWNER_MEMBER, image.id(), null).hasData())
                .isFalse();
    }

    @Test
    void unavailableStoreIsReported() {
        Image image = active();
        store.setUnavailable(true);
        assertFails(ErrorCategory.UNAVAILABLE, () -> f.core.imageData().download(OWNER_MEMBER, image.id(), null));
    }

    @Test
    void theStoresStreamReachesTheCallerUnwrapped() throws Exception {
        RegionStore regions = new RegionStore(store);
        DataFixture fixture = new DataFixture(regions);
        Image image = fixture.upload(fixture.queued("raw", "bare"), new ByteArrayInputStream(bytes), SIZE);
        ImageDownload whole = fixture.core.imageData().download(OWNER_MEMBER, image.id(), null);
        assertThat(whole.body()).isInstanceOf(FileRegion.class).isSameAs(regions.lastOpened);
        ImageDownload range = fixture.core.imageData().download(OWNER_MEMBER, image.id(), RangeRequest.from(5, 9L));
        assertThat(range.body()).isSameAs(regions.lastOpened);
        assertThat(regions.lastRange).isEqualTo(new ByteRange(5, 5));
    }

    /** A store whose reads are FileRegion streams, to prove the core hands them over as they are. */
    private static final class RegionStore extends ForwardingImageStore {
        volatile InputStream lastOpened;
        volatile ByteRange lastRange;

        RegionStore(ImageStore delegate) {
            super(delegate);
        }

        @Override
        public InputStream read(String location, ByteRange range) {
            lastRange = range;
            lastOpened = new Region(delegate.read(location, range));
            return lastOpened;
        }
    }

    private static final class Region extends java.io.FilterInputStream implements FileRegion {
        Region(InputStream in) {
            super(in);
        }

        @Override
        public FileChannel channel() {
            return null;
        }

        @Override
        public long position() {
            return 0;
        }

        @Override
        public long remaining() {
            return 0;
        }
    }
}
