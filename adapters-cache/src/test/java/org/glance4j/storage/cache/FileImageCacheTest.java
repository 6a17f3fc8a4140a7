package org.glance4j.storage.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.model.FileRegion;
import org.glance4j.ports.out.cache.ImageCacheFiles.CacheFill;
import org.glance4j.ports.out.store.ByteRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache directory on a real file system: partial copies stay invisible, fills are exclusive, reads zero-copy. */
class FileImageCacheTest {
    private static final String IMAGE = "6b9fbf2b-3031-429a-80b1-b509e4c44046";
    private static final byte[] BYTES = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void aCopyIsInvisibleUntilCommittedThenServedWholeAndRangedAsAFileRegion() throws IOException {
        FileImageCache cache = FileImageCache.open(dir);
        CacheFill fill = cache.beginFill(IMAGE).orElseThrow();
        fill.write(BYTES, 0, 10);

        assertThat(cache.open(IMAGE, null)).isEmpty();
        assertThat(cache.size(IMAGE)).isEmpty();
        assertThat(cache.cachedImageIds()).isEmpty();

        fill.write(BYTES, 10, 10);
        assertThat(fill.commit()).isEqualTo(20);

        assertThat(cache.size(IMAGE)).hasValue(20);
        assertThat(cache.cachedImageIds()).containsExactly(IMAGE);
        assertThat(cache.totalSize()).isEqualTo(20);
        try (InputStream whole = cache.open(IMAGE, null).orElseThrow()) {
            assertThat(whole).isInstanceOf(FileRegion.class);
            assertThat(whole.readAllBytes()).isEqualTo(BYTES);
        }
        try (InputStream part = cache.open(IMAGE, new ByteRange(5, 4)).orElseThrow()) {
            assertThat(((FileRegion) part).position()).isEqualTo(5);
            assertThat(((FileRegion) part).remaining()).isEqualTo(4);
            assertThat(new String(part.readAllBytes(), StandardCharsets.US_ASCII))
                    .isEqualTo("5678");
        }
        assertThat(Files.list(dir.resolve(FileImageCache.INCOMPLETE))).isEmpty();
    }

    @Test
    void aFillClosedWithoutCommitLeavesNothing() throws IOException {
        FileImageCache cache = FileImageCache.open(dir);
        try (CacheFill fill = cache.beginFill(IMAGE).orElseThrow()) {
            fill.write(BYTES, 0, 20);
        }
        assertThat(cache.open(IMAGE, null)).isEmpty();
        assertThat(Files.list(dir.resolve(FileImageCache.INCOMPLETE))).isEmpty();
        assertThat(cache.beginFill(IMAGE)).isPresent();
    }

    @Test
    void oneFillAtATimeAndNoneOnceCached() {
        FileImageCache cache = FileImageCache.open(dir);
        CacheFill first = cache.beginFill(IMAGE).orElseThrow();
        assertThat(FileImageCache.open(dir).beginFill(IMAGE)).isEmpty();
        first.write(BYTES, 0, 3);
        first.commit();
        assertThat(cache.beginFill(IMAGE)).isEmpty();
    }

    @Test
    void aRemovalDuringAFillIsNotUndoneByItsCommit() {
        FileImageCache cache = FileImageCache.open(dir);
        CacheFill fill = cache.beginFill(IMAGE).orElseThrow();
        fill.write(BYTES, 0, 20);

        cache.remove(IMAGE);
        Optional<CacheFill> next = cache.beginFill(IMAGE);

        assertThatThrownBy(fill::commit)
                .isInstanceOf(GlanceException.class)
                .extracting(e -> ((GlanceException) e).category())
                .isEqualTo(ErrorCategory.CONFLICT);
        assertThat(cache.open(IMAGE, null)).isEmpty();
        next.orElseThrow().close();
    }

    @Test
    void removeDeletesTheCopyAndReportsWhetherThereWasOne() {
        FileImageCache cache = FileImageCache.open(dir);
        CacheFill fill = cache.beginFill(IMAGE).orElseThrow();
        fill.write(BYTES, 0, 20);
        fill.commit();

        assertThat(cache.remove(IMAGE)).isTrue();
        assertThat(cache.remove(IMAGE)).isFalse();
        assertThat(cache.open(IMAGE, null)).isEmpty();
    }

    @Test
    void stalledFillsOlderThanTheBoundAreRemovedOthersKept() throws IOException {
        FileImageCache cache = FileImageCache.open(dir);
        CacheFill stalled = cache.beginFill(IMAGE).orElseThrow();
        stalled.write(BYTES, 0, 5);
        CacheFill running = cache.beginFill("running-image").orElseThrow();
        Path stalledFile = dir.resolve(FileImageCache.INCOMPLETE).resolve(IMAGE);
        Files.setLastModifiedTime(stalledFile, FileTime.from(Instant.now().minusSeconds(7200)));

        assertThat(cache.removeStalledFills(Instant.now().minusSeconds(3600))).isEqualTo(1);

        assertThat(stalledFile).doesNotExist();
        assertThat(dir.resolve(FileImageCache.INCOMPLETE).resolve("running-image"))
                .exists();
        assertThat(cache.beginFill(IMAGE)).isPresent();
        running.close();
    }

    @Test
    void namesThatAreNoImageIdAreNeverCached() {
        FileImageCache cache = FileImageCache.open(dir);
        assertThat(cache.beginFill("../escape")).isEmpty();
        assertThat(cache.beginFill(FileImageCache.INCOMPLETE)).isEmpty();
        assertThat(cache.open("../escape", null)).isEmpty();
        assertThat(cache.remove("..")).isFalse();
    }
}
