package org.glance4j.ports.testing.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.glance4j.ports.error.ErrorCategory;
import org.glance4j.ports.error.GlanceException;
import org.glance4j.ports.out.store.ByteRange;
import org.glance4j.ports.out.store.ImagePart;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.StoreCapability;
import org.glance4j.ports.out.store.StoredObject;
import org.glance4j.ports.out.store.UnsupportedStoreOperationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract every {@link ImageStore} passes: a store's test extends this class, names itself
 * {@code <Something>StoreContractTest}, and implements the hooks. Each test gets a fresh, empty store from
 * {@link #createStore(String)}; the kit checks that it is empty before it starts.
 *
 * <p>Capabilities are checked in both directions: what a store declares must work, and what it does not declare
 * must be refused with {@link UnsupportedStoreOperationException}. Nothing is skipped because a capability is
 * missing: a test about an undeclared operation asserts the refusal instead.
 *
 * <p>The large-object test streams {@link #largeObjectSize()} bytes (256 MiB by default) through the store and
 * insists that the test JVM's heap is smaller than that, so a store that buffers an image fails it: configure
 * surefire with a small {@code -Xmx} (e.g. {@code 64m}) in the module that runs a real store's contract test.
 */
public abstract class ImageStoreContractTest {

    /** The id the kit gives the store under test; error messages about the backend must name it. */
    protected static final String STORE_ID = "contract-store";

    protected static final long MIB = 1024L * 1024L;

    private static final int RANGE_OBJECT_SIZE = 300_001;

    private ImageStore store;

    // ---------------------------------------------------------------------------------------------- the hooks

    /** A new store with id {@code storeId} over an empty backend. Called before each test. */
    protected abstract ImageStore createStore(String storeId) throws Exception;

    /**
     * How many objects the backend holds right now, counting anything a store leaves behind (partial uploads,
     * temporary files, incomplete multipart uploads), so that "nothing left behind" can be checked.
     */
    protected abstract long storedObjectCount() throws Exception;

    /** Whether the store under test is meant to declare {@code capability}; answer with one {@code switch}. */
    protected abstract boolean expectsCapability(StoreCapability capability);

    /**
     * Puts an object into the backend for tests that need one. The default writes through the store; a store
     * that does not declare {@link StoreCapability#WRITE} overrides this and writes through its backend.
     */
    protected StoredObject seed(String imageId, InputStream data, long size) {
        return store.write(imageId, data, size);
    }

    /**
     * Makes the backend fail (gone, unreachable, refusing) while the store object stays open, and returns true.
     * A store whose backend cannot be broken from a test returns false and must say why in
     * {@link #whyTheBackendCannotBeBroken()}; the broken-backend test then fails unless a reason is given, and
     * records the reason in the test report (never a silent skip).
     */
    protected boolean breakBackend() throws Exception {
        return false;
    }

    /**
     * Why this backend cannot be broken from a test (e.g. "an in-memory map cannot fail"), when
     * {@link #breakBackend()} returns false; null (the default) when it can. The kit prints the reason and
     * publishes it as the report entry {@value #BROKEN_BACKEND_NOT_SIMULATED}.
     */
    protected String whyTheBackendCannotBeBroken() {
        return null;
    }

    /** The key of the report entry that records a store whose backend the kit could not break. */
    public static final String BROKEN_BACKEND_NOT_SIMULATED = "broken-backend-not-simulated";

    /**
     * A location in this store's form that holds nothing. The default writes an object and deletes it; a store
     * that does not declare {@link StoreCapability#DELETE} overrides this.
     */
    protected String locationOfMissingObject() {
        StoredObject gone = seedBytes(GeneratedBytes.array(10, 77));
        if (!store.capabilities().contains(StoreCapability.DELETE)) {
            throw new IllegalStateException("a store without DELETE overrides locationOfMissingObject()");
        }
        assertThat(store.delete(gone.location())).isTrue();
        return gone.location();
    }

    /** The size of the large-object test. */
    protected long largeObjectSize() {
        return 256 * MIB;
    }

    /** True only for test fakes that keep objects on the heap; they are exempt from the heap-size check. */
    protected boolean holdsObjectsInHeap() {
        return false;
    }

    /** The store under test. */
    protected final ImageStore store() {
        return store;
    }

    // ---------------------------------------------------------------------------------------------- lifecycle

    @BeforeEach
    final void openAnEmptyStore() throws Exception {
        store = createStore(STORE_ID);
        assertThat(store).as("createStore").isNotNull();
        assertThat(storedObjectCount())
                .as("objects in the backend before the test")
                .isZero();
    }

    @AfterEach
    final void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    // ---------------------------------------------------------------------------------------------- identity

    @Test
    @DisplayName("the test class is named <Something>StoreContractTest")
    void testClassFollowsTheNamingConvention() {
        assertThat(getClass().getSimpleName()).endsWith("StoreContractTest");
    }

    @Test
    void storeReportsTheIdItWasCreatedWith() {
        assertThat(store.id()).isEqualTo(STORE_ID);
    }

    // ---------------------------------------------------------------------------------------------- capabilities

    @Test
    void capabilitiesAreConstant() {
        assertThat(store.capabilities()).isEqualTo(store.capabilities());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(StoreCapability.class)
    @DisplayName("the store declares exactly the capabilities its test expects")
    void declarationMatchesExpectation(StoreCapability capability) {
        assertThat(store.capabilities().contains(capability))
                .as("store declares %s", capability)
                .isEqualTo(expectsCapability(capability));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(StoreCapability.class)
    @DisplayName("a declared capability works, an undeclared one is refused in the standard way")
    void capabilityWorksWhenDeclaredAndIsRefusedOtherwise(StoreCapability capability) {
        byte[] content = GeneratedBytes.array(1000, 7);
        boolean declared = store.capabilities().contains(capability);
        switch (capability) {
            case WRITE -> {
                ThrowingCallable write = () -> store.write(newImageId(), new ByteArrayInputStream(content), 1000);
                if (declared) {
                    StoredObject written = store.write(newImageId(), new ByteArrayInputStream(content), 1000);
                    assertThat(written.size()).isEqualTo(1000);
                    assertThat(written.location()).isNotBlank();
                } else {
                    assertRefused(StoreCapability.WRITE, write);
                }
            }
            case READ -> {
                String location = seedBytes(content).location();
                if (declared) {
                    assertThat(readAll(location, null)).isEqualTo(content);
                    assertThat(store.size(location)).isEqualTo(1000);
                } else {
                    assertRefused(StoreCapability.READ, () -> store.read(location, null));
                    assertRefused(StoreCapability.READ, () -> store.size(location));
                }
            }
            case READ_RANGE -> {
                String location = seedBytes(content).location();
                if (declared) {
                    assertThat(readAll(location, new ByteRange(10, 5))).containsExactly(slice(content, 10, 5));
                } else {
                    assertRefused(StoreCapability.READ_RANGE, () -> store.read(location, new ByteRange(10, 5)));
                }
            }
            case DELETE -> {
                String location = seedBytes(content).location();
                if (declared) {
                    assertThat(store.delete(location)).isTrue();
                } else {
                    assertRefused(StoreCapability.DELETE, () -> store.delete(location));
                }
            }
            case COMPOSE -> {
                // Every store that writes composes (the default streams the parts through write); COMPOSE only
                // says that the store does it natively, so it needs WRITE and is never refused by itself.
                List<ImagePart> parts =
                        List.of(new ImagePart(1000, () -> new ByteArrayInputStream(content), Optional.empty()));
                if (declared) {
                    assertThat(store.capabilities())
                            .as("a store that composes writes")
                            .contains(StoreCapability.WRITE);
                }
                if (declares(StoreCapability.WRITE, () -> store.writeComposed(newImageId(), parts))) {
                    assertThat(store.writeComposed(newImageId(), parts).size()).isEqualTo(1000);
                }
            }
        }
    }

    @Test
    void requireRefusesExactlyTheUndeclaredCapabilities() {
        for (StoreCapability capability : StoreCapability.values()) {
            if (store.capabilities().contains(capability)) {
                store.require(capability);
            } else {
                assertRefused(capability, () -> store.require(capability));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- writing

    @Test
    void zeroByteObject() {
        if (!declares(StoreCapability.WRITE, () -> store.write(newImageId(), InputStream.nullInputStream(), 0))) {
            return;
        }
        StoredObject written = store.write(newImageId(), InputStream.nullInputStream(), 0);
        assertThat(written.size()).isZero();
        if (declares(StoreCapability.READ, () -> store.size(written.location()))) {
            assertThat(store.size(written.location())).isZero();
            assertThat(readAll(written.location(), null)).isEmpty();
        }
        if (declares(StoreCapability.READ_RANGE, () -> store.read(written.location(), new ByteRange(0, 1)))) {
            assertRangeNotSatisfiable(written.location(), new ByteRange(0, 1));
        }
    }

    @Test
    void writeReturnsALocationTheStoreCanRead() {
        byte[] content = GeneratedBytes.array(70_000, 11);
        if (!declares(StoreCapability.WRITE, () -> store.write(newImageId(), new ByteArrayInputStream(content), -1))) {
            return;
        }
        StoredObject written = store.write(newImageId(), new ByteArrayInputStream(content), content.length);
        assertThat(written.size()).isEqualTo(content.length);
        assertThat(readAll(written.location(), null)).isEqualTo(content);
        assertThat(store.size(written.location())).isEqualTo(content.length);
    }

    @Test
    void distinctImagesGetDistinctLocations() {
        StoredObject a = seedBytes(GeneratedBytes.array(10, 1));
        StoredObject b = seedBytes(GeneratedBytes.array(10, 2));
        assertThat(a.location()).isNotEqualTo(b.location());
    }

    @Test
    void expectedSizeIsOnlyAHint() {
        byte[] content = GeneratedBytes.array(1000, 12);
        if (!declares(StoreCapability.WRITE, () -> store.write(newImageId(), new ByteArrayInputStream(content), -1))) {
            return;
        }
        for (long hint : new long[] {-1, 10, 5000}) {
            StoredObject written = store.write(newImageId(), new ByteArrayInputStream(content), hint);
            assertThat(written.size()).as("size with hint %d", hint).isEqualTo(1000);
            assertThat(readAll(written.location(), null))
                    .as("content with hint %d", hint)
                    .isEqualTo(content);
        }
    }

    @Test
    void storeDoesNotCloseTheInput() {
        FailingInputStream notFailing = FailingInputStream.throwingIo(Long.MAX_VALUE, new IOException("unused"));
        InputStream limited = new java.io.FilterInputStream(notFailing) {
            private int left = 100;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left == 0) {
                    return -1;
                }
                int n = super.read(b, off, Math.min(len, left));
                left -= Math.max(n, 0);
                return n;
            }
        };
        if (!declares(StoreCapability.WRITE, () -> store.write(newImageId(), limited, 100))) {
            return;
        }
        assertThat(store.write(newImageId(), limited, 100).size()).isEqualTo(100);
        assertThat(notFailing.closed()).as("input closed by the store").isFalse();
    }

    @Test
    @DisplayName("a stream larger than the heap goes through without being buffered")
    void largeStreamIsNotBuffered() throws Exception {
        long size = largeObjectSize();
        if (!holdsObjectsInHeap()) {
            assertThat(Runtime.getRuntime().maxMemory())
                    .as("the heap of the test JVM must be smaller than the large object (set -Xmx in surefire)")
                    .isLessThan(size);
        }
        long seed = 42;
        DigestInputStream source = new DigestInputStream(GeneratedBytes.of(size, seed), GeneratedBytes.newSha256());
        StoredObject written = seed(newImageId(), source, size);
        String expectedDigest =
                HexFormat.of().formatHex(source.getMessageDigest().digest());
        assertThat(written.size()).isEqualTo(size);
        assertThat(storedObjectCount()).isEqualTo(1);
        if (declares(StoreCapability.READ, () -> store.read(written.location(), null))) {
            assertThat(store.size(written.location())).isEqualTo(size);
            assertThat(GeneratedBytes.sha256(store.read(written.location(), null)))
                    .as("digest of what was read back")
                    .isEqualTo(expectedDigest);
        }
        long tailOffset = size - 3 * 4096 - 3;
        ByteRange tail = new ByteRange(tailOffset, 3 * 4096 + 100);
        if (declares(StoreCapability.READ_RANGE, () -> store.read(written.location(), tail))) {
            byte[] expectedTail;
            try (InputStream generated = GeneratedBytes.of(size, seed)) {
                generated.skipNBytes(tailOffset);
                expectedTail = generated.readAllBytes();
            }
            assertThat(readAll(written.location(), tail)).isEqualTo(expectedTail);
        }
        if (store.capabilities().contains(StoreCapability.DELETE)) {
            assertThat(store.delete(written.location())).isTrue();
        }
    }

    // ---------------------------------------------------------------------------------------------- failed writes

    @Test
    void inputFailingMidwayLeavesNothingAndPropagates() throws Exception {
        IOException dropped = new IOException("client went away");
        FailingInputStream input = FailingInputStream.throwingIo(3 * MIB + 17, dropped);
        String imageId = newImageId();
        if (!declares(StoreCapability.WRITE, () -> store.write(imageId, input, 10 * MIB))) {
            return;
        }
        Throwable thrown = catchThrowable(() -> store.write(imageId, input, 10 * MIB));
        assertThat(thrown).isInstanceOf(UncheckedIOException.class).hasCause(dropped);
        assertThat(input.delivered()).isEqualTo(3 * MIB + 17);
        assertThat(input.closed()).as("input closed by the store").isFalse();
        assertThat(storedObjectCount()).as("objects left behind").isZero();
        assertTheSameImageCanBeWrittenAgain(imageId);
    }

    @Test
    void inputFailingAtOnceLeavesNothingAndPropagates() throws Exception {
        IOException dropped = new IOException("nothing came");
        FailingInputStream input = FailingInputStream.throwingIo(0, dropped);
        String imageId = newImageId();
        if (!declares(StoreCapability.WRITE, () -> store.write(imageId, input, -1))) {
            return;
        }
        assertThat(catchThrowable(() -> store.write(imageId, input, -1)))
                .isInstanceOf(UncheckedIOException.class)
                .hasCause(dropped);
        assertThat(storedObjectCount()).as("objects left behind").isZero();
        assertTheSameImageCanBeWrittenAgain(imageId);
    }

    @Test
    void runtimeFailureOfTheInputPropagatesUnchangedAndLeavesNothing() throws Exception {
        GlanceException limit = GlanceException.tooLarge("Image exceeds the size limit");
        FailingInputStream input = FailingInputStream.throwingRuntime(MIB + 1, limit);
        String imageId = newImageId();
        if (!declares(StoreCapability.WRITE, () -> store.write(imageId, input, -1))) {
            return;
        }
        assertThat(catchThrowable(() -> store.write(imageId, input, -1))).isSameAs(limit);
        assertThat(storedObjectCount()).as("objects left behind").isZero();
        assertTheSameImageCanBeWrittenAgain(imageId);
    }

    private void assertTheSameImageCanBeWrittenAgain(String imageId) {
        byte[] content = GeneratedBytes.array(5000, 99);
        StoredObject written = store.write(imageId, new ByteArrayInputStream(content), content.length);
        if (store.capabilities().contains(StoreCapability.READ)) {
            assertThat(readAll(written.location(), null)).isEqualTo(content);
        }
    }

    // ---------------------------------------------------------------------------------------------- reading

    @Test
    void wholeReadReturnsEveryByteAndThenEndOfStream() throws IOException {
        byte[] content = GeneratedBytes.array(RANGE_OBJECT_SIZE, 3);
        String location = seedBytes(content).location();
        if (!declares(StoreCapability.READ, () -> store.read(location, null))) {
            return;
        }
        assertThat(readAll(location, null)).isEqualTo(content);
        try (InputStream in = store.read(location, null)) {
            assertThat(in.read(new byte[10], 0, 0)).isZero();
            for (int i = 0; i < 100; i++) {
                assertThat(in.read()).as("byte %d", i).isEqualTo(content[i] & 0xFF);
            }
            in.skipNBytes(content.length - 101);
            assertThat(in.read()).isEqualTo(content[content.length - 1] & 0xFF);
            assertThat(in.read()).isEqualTo(-1);
            assertThat(in.read(new byte[10])).isEqualTo(-1);
        }
    }

    @Test
    void twoOpenStreamsOfOneObjectAreIndependent() throws IOException {
        byte[] content = GeneratedBytes.array(RANGE_OBJECT_SIZE, 4);
        String location = seedBytes(content).location();
        if (!declares(StoreCapability.READ, () -> store.read(location, null))) {
            return;
        }
        try (InputStream first = store.read(location, null);
                InputStream second = store.read(location, null)) {
            byte[] a = first.readNBytes(1000);
            byte[] b = second.readNBytes(5000);
            byte[] aRest = first.readAllBytes();
            byte[] bRest = second.readAllBytes();
            assertThat(concat(a, aRest)).isEqualTo(content);
            assertThat(concat(b, bRest)).isEqualTo(content);
        }
    }

    @Test
    void sizeIsTheNumberOfBytesWritten() {
        StoredObject written = seedBytes(GeneratedBytes.array(12_345, 5));
        assertThat(written.size()).isEqualTo(12_345);
        if (declares(StoreCapability.READ, () -> store.size(written.location()))) {
            assertThat(store.size(written.location())).isEqualTo(12_345);
        }
    }

    // ---------------------------------------------------------------------------------------------- ranges

    @Test
    void rangeOfTheFirstByte() {
        assertRangeReads(new ByteRange(0, 1), 0, 1);
    }

    @Test
    void rangeOfTheLastByte() {
        assertRangeReads(new ByteRange(RANGE_OBJECT_SIZE - 1, 1), RANGE_OBJECT_SIZE - 1, 1);
    }

    @Test
    void rangeAcrossBufferBoundaries() {
        assertRangeReads(new ByteRange(65_530, 70_000), 65_530, 70_000);
    }

    @Test
    void rangeOfTheWholeObject() {
        assertRangeReads(new ByteRange(0, RANGE_OBJECT_SIZE), 0, RANGE_OBJECT_SIZE);
    }

    @Test
    void rangeRunningPastTheEndIsCut() {
        assertRangeReads(new ByteRange(RANGE_OBJECT_SIZE - 10, 1000), RANGE_OBJECT_SIZE - 10, 10);
        assertRangeReads(new ByteRange(5, Long.MAX_VALUE - 5), 5, RANGE_OBJECT_SIZE - 5);
    }

    @Test
    void rangeStartingAtOrAfterTheEndIsNotSatisfiable() {
        String location = seedBytes(GeneratedBytes.array(RANGE_OBJECT_SIZE, 6)).location();
        for (long offset : new long[] {RANGE_OBJECT_SIZE, RANGE_OBJECT_SIZE + 1L, Long.MAX_VALUE - 1}) {
            ByteRange range = new ByteRange(offset, 1);
            if (!declares(StoreCapability.READ_RANGE, () -> store.read(location, range))) {
                return;
            }
            assertRangeNotSatisfiable(location, range);
        }
    }

    private void assertRangeReads(ByteRange range, int expectedOffset, int expectedLength) {
        byte[] content = GeneratedBytes.array(RANGE_OBJECT_SIZE, 6);
        String location = seedBytes(content).location();
        if (!declares(StoreCapability.READ_RANGE, () -> store.read(location, range))) {
            return;
        }
        assertThat(readAll(location, range))
                .as("bytes of %s", range)
                .isEqualTo(slice(content, expectedOffset, expectedLength));
    }

    private void assertRangeNotSatisfiable(String location, ByteRange range) {
        assertThatThrownBy(() -> {
                    try (InputStream in = store.read(location, range)) {
                        in.readAllBytes();
                    }
                })
                .as("read of %s", range)
                .isInstanceOf(GlanceException.class)
                .extracting(e -> ((GlanceException) e).category())
                .isEqualTo(ErrorCategory.RANGE_NOT_SATISFIABLE);
    }

    // ---------------------------------------------------------------------------------------------- not found and
    // delete

    @Test
    void missingObjectIsNotFoundForReadAndSizeAndDeleteSaysFalse() {
        String location = locationOfMissingObject();
        if (declares(StoreCapability.READ, () -> store.read(location, null))) {
            assertNotFound(() -> store.read(location, null).close());
            assertNotFound(() -> store.size(location));
        }
        if (declares(StoreCapability.READ_RANGE, () -> store.read(location, new ByteRange(0, 1)))) {
            assertNotFound(() -> store.read(location, new ByteRange(0, 1)).close());
        }
        if (declares(StoreCapability.DELETE, () -> store.delete(location))) {
            assertThat(store.delete(location)).isFalse();
        }
    }

    @Test
    void deleteTwice() throws Exception {
        byte[] content = GeneratedBytes.array(4096, 8);
        String location = seedBytes(content).location();
        String kept = seedBytes(GeneratedBytes.array(4096, 9)).location();
        if (!declares(StoreCapability.DELETE, () -> store.delete(location))) {
            return;
        }
        assertThat(store.delete(location)).as("first delete").isTrue();
        assertThat(store.delete(location)).as("second delete").isFalse();
        assertThat(storedObjectCount()).isEqualTo(1);
        if (store.capabilities().contains(StoreCapability.READ)) {
            assertNotFound(() -> store.read(location, null).close());
            assertThat(readAll(kept, null)).isEqualTo(GeneratedBytes.array(4096, 9));
        }
    }

    @Test
    void anImageCanBeWrittenAgainAfterItsDeletion() {
        String imageId = newImageId();
        if (!store.capabilities().containsAll(Set.of(StoreCapability.WRITE, StoreCapability.DELETE))) {
            assertThat(expectsCapability(StoreCapability.WRITE) && expectsCapability(StoreCapability.DELETE))
                    .isFalse();
            return;
        }
        StoredObject first = store.write(imageId, new ByteArrayInputStream(GeneratedBytes.array(100, 1)), 100);
        assertThat(store.delete(first.location())).isTrue();
        byte[] second = GeneratedBytes.array(200, 2);
        StoredObject again = store.write(imageId, new ByteArrayInputStream(second), 200);
        if (store.capabilities().contains(StoreCapability.READ)) {
            assertThat(readAll(again.location(), null)).isEqualTo(second);
        }
    }

    // ---------------------------------------------------------------------------------------------- concurrency

    @Test
    void concurrentWritesOfDifferentImagesEachReadBackIntact() throws Exception {
        int writers = 8;
        if (!declares(
                StoreCapability.WRITE, () -> store.write(newImageId(), new ByteArrayInputStream(new byte[1]), 1))) {
            return;
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<StoredObject>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                long size = MIB + i * 4099L;
                long seed = 1000 + i;
                Callable<StoredObject> writer = () -> {
                    start.await();
                    return store.write(newImageId(), GeneratedBytes.of(size, seed), size);
                };
                results.add(pool.submit(writer));
            }
            start.countDown();
            Set<String> locations = new HashSet<>();
            for (int i = 0; i < writers; i++) {
                StoredObject written = results.get(i).get(5, TimeUnit.MINUTES);
                long size = MIB + i * 4099L;
                assertThat(written.size()).isEqualTo(size);
                locations.add(written.location());
                if (store.capabilities().contains(StoreCapability.READ)) {
                    assertThat(GeneratedBytes.sha256(store.read(written.location(), null)))
                            .as("image %d", i)
                            .isEqualTo(GeneratedBytes.sha256(size, 1000 + i));
                }
            }
            assertThat(locations).hasSize(writers);
            assertThat(storedObjectCount()).isEqualTo(writers);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------------------------------------- broken backend

    @Test
    void brokenBackendIsUnavailableNamingTheStore(TestReporter report) throws Exception {
        StoredObject existing = seedBytes(GeneratedBytes.array(1000, 10));
        if (!breakBackend()) {
            String why = whyTheBackendCannotBeBroken();
            assertThat(why)
                    .as(
                            "%s could not break its backend: override breakBackend() to break it, or say why it"
                                    + " cannot in whyTheBackendCannotBeBroken()",
                            getClass().getSimpleName())
                    .isNotBlank();
            report.publishEntry(BROKEN_BACKEND_NOT_SIMULATED, why);
            System.out.println(
                    "[store contract] " + getClass().getSimpleName() + ": broken backend not simulated: " + why);
            return;
        }
        assertThat(whyTheBackendCannotBeBroken())
                .as("a store that breaks its backend gives no reason why it cannot")
                .isNull();
        List<ThrowingCallable> operations = new ArrayList<>();
        if (store.capabilities().contains(StoreCapability.WRITE)) {
            operations.add(() -> store.write(newImageId(), new ByteArrayInputStream(new byte[10]), 10));
        }
        if (store.capabilities().contains(StoreCapability.READ)) {
            operations.add(() -> store.read(existing.location(), null).readAllBytes());
            operations.add(() -> store.size(existing.location()));
        }
        if (store.capabilities().contains(StoreCapability.READ_RANGE)) {
            operations.add(
                    () -> store.read(existing.location(), new ByteRange(0, 10)).readAllBytes());
        }
        for (ThrowingCallable operation : operations) {
            Throwable thrown = catchThrowable(operation);
            assertThat(thrown).isInstanceOf(GlanceException.class);
            GlanceException failure = (GlanceException) thrown;
            assertThat(failure.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
            assertThat(failure.getMessage())
                    .contains("'" + STORE_ID + "'")
                    .doesNotContain("\n")
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ");
        }
    }

    // ---------------------------------------------------------------------------------------------- composed writes

    @Test
    @DisplayName("a composed write reads back as the parts in order, ranges across their boundaries included")
    void composedWriteReadsBackAsTheConcatenation() throws Exception {
        try (ComposeParts parts = new ComposeParts()) {
            parts.localFile(6 * MIB, 201).stream(5 * MIB + 1, 202).localFile(17, 203);
            if (!declares(StoreCapability.WRITE, () -> store.writeComposed(newImageId(), parts.parts()))) {
                return;
            }
            StoredObject written = store.writeComposed(newImageId(), parts.parts());
            assertThat(written.size()).isEqualTo(11 * MIB + 18);
            assertThat(storedObjectCount()).as("objects after a composed write").isEqualTo(1);
            assertLocalFilesAfterSuccess(parts);
            if (store.capabilities().contains(StoreCapability.READ)) {
                assertThat(store.size(written.location())).isEqualTo(11 * MIB + 18);
                assertThat(GeneratedBytes.sha256(store.read(written.location(), null)))
                        .as("digest of what was read back")
                        .isEqualTo(parts.concatenationSha256());
            }
            if (store.capabilities().contains(StoreCapability.READ_RANGE)) {
                long[][] ranges = {{6 * MIB - 100, 200}, {11 * MIB + 1 - 5, 10}, {11 * MIB + 10, 8}, {0, 3}};
                for (long[] range : ranges) {
                    assertThat(readAll(written.location(), new ByteRange(range[0], range[1])))
                            .as("bytes %d+%d", range[0], range[1])
                            .isEqualTo(parts.slice(range[0], (int) range[1]));
                }
            }
            if (store.capabilities().contains(StoreCapability.DELETE)) {
                assertThat(store.delete(written.location())).isTrue();
                assertThat(storedObjectCount())
                        .as("objects after deleting the composed one")
                        .isZero();
            }
        }
    }

    @Test
    void composedWriteOfNoPartsIsAnEmptyObject() {
        if (!declares(StoreCapability.WRITE, () -> store.writeComposed(newImageId(), List.of()))) {
            return;
        }
        StoredObject written = store.writeComposed(newImageId(), List.of());
        assertThat(written.size()).isZero();
        if (store.capabilities().contains(StoreCapability.READ)) {
            assertThat(store.size(written.location())).isZero();
            assertThat(readAll(written.location(), null)).isEmpty();
        }
    }

    @Test
    void composedWriteOfManySmallPartsKeepsTheirOrder() throws Exception {
        try (ComposeParts parts = new ComposeParts()) {
            for (int i = 0; i < 12; i++) {
                if (i % 3 == 0) {
                    parts.localFile(1000 + i * 37, 300 + i);
                } else {
                    parts.stream(i == 5 ? 0 : 1000 + i * 37, 300 + i);
                }
            }
            if (!declares(StoreCapability.WRITE, () -> store.writeComposed(newImageId(), parts.parts()))) {
                return;
            }
            StoredObject written = store.writeComposed(newImageId(), parts.parts());
            assertThat(written.size()).isEqualTo(parts.total());
            assertLocalFilesAfterSuccess(parts);
            if (store.capabilities().contains(StoreCapability.READ)) {
                assertThat(GeneratedBytes.sha256(store.read(written.location(), null)))
                        .isEqualTo(parts.concatenationSha256());
            }
        }
    }

    @Test
    void composedWriteWithAPartFailingMidwayLeavesNothingAndPropagates() throws Exception {
        IOException dropped = new IOException("part file went away");
        try (ComposeParts parts = new ComposeParts()) {
            parts.localFile(6 * MIB, 211)
                    .failingMidway(5 * MIB + 1, MIB + 3, dropped)
                    .localFile(17, 213);
            String imageId = newImageId();
            if (!declares(StoreCapability.WRITE, () -> store.writeComposed(imageId, parts.parts()))) {
                return;
            }
            assertThat(catchThrowable(() -> store.writeComposed(imageId, parts.parts())))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasCause(dropped);
            assertNothingLeftAndLocalFilesIntact(parts);
            assertTheSameImageCanBeWrittenAgain(imageId);
        }
    }

    @Test
    void composedWriteWithAnOpenerThatThrowsLeavesNothingAndPropagatesUnchanged() throws Exception {
        GlanceException gone = GlanceException.unavailable("the part cannot be opened", null);
        try (ComposeParts parts = new ComposeParts()) {
            parts.localFile(6 * MIB, 221).stream(5 * MIB + 1, 222).failingToOpen(17, gone);
            String imageId = newImageId();
            if (!declares(StoreCapability.WRITE, () -> store.writeComposed(imageId, parts.parts()))) {
                return;
            }
            assertThat(catchThrowable(() -> store.writeComposed(imageId, parts.parts())))
                    .isSameAs(gone);
            assertNothingLeftAndLocalFilesIntact(parts);
            assertTheSameImageCanBeWrittenAgain(imageId);
        }
    }

    @Test
    void composedWriteWithAPartShorterThanItsSizeFailsAndLeavesNothing() throws Exception {
        try (ComposeParts parts = new ComposeParts()) {
            parts.localFile(6 * MIB, 231)
                    .shorterThanSaid(5 * MIB + 1, 3 * MIB, 232)
                    .localFile(17, 233);
            String imageId = newImageId();
            if (!declares(StoreCapability.WRITE, () -> store.writeComposed(imageId, parts.parts()))) {
                return;
            }
            assertThat(catchThrowable(() -> store.writeComposed(imageId, parts.parts())))
                    .as("a part that ends early")
                    .isInstanceOf(RuntimeException.class);
            assertNothingLeftAndLocalFilesIntact(parts);
        }
    }

    /**
     * After a successful compose, a store without COMPOSE left every local file untouched; one with COMPOSE may
     * have taken them over, but what it left still holds its bytes.
     */
    private void assertLocalFilesAfterSuccess(ComposeParts parts) {
        assertThat(parts.localFilesChanged())
                .as("local files left with other bytes")
                .isEmpty();
        if (!store.capabilities().contains(StoreCapability.COMPOSE)) {
            assertThat(parts.localFilesLeft())
                    .as("local files after the default compose")
                    .hasSize(parts.localFileCount());
        }
    }

    private void assertNothingLeftAndLocalFilesIntact(ComposeParts parts) throws Exception {
        assertThat(storedObjectCount()).as("objects left behind").isZero();
        assertThat(parts.localFilesLeft())
                .as("local files after a failed compose")
                .hasSize(parts.localFileCount());
        assertThat(parts.localFilesChanged())
                .as("local files changed by a failed compose")
                .isEmpty();
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** A fresh image id, as the core would pass (a UUID). */
    protected static String newImageId() {
        return UUID.randomUUID().toString();
    }

    /** Reads the object (or range) at {@code location} to its end. */
    protected final byte[] readAll(String location, ByteRange range) {
        try (InputStream in = store.read(location, range)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void deletingAbandonedWritesLeavesCompletedObjectsAlone() throws Exception {
        String imageId = newImageId();
        StoredObject stored = seed(imageId, new ByteArrayInputStream(GeneratedBytes.array(4096, 10)), 4096);

        assertThat(store.deleteAbandonedWrites(imageId))
                .as("nothing was abandoned")
                .isZero();
        assertThat(store.deleteAbandonedWrites(newImageId()))
                .as("an image never written")
                .isZero();
        assertThat(storedObjectCount()).isEqualTo(1);
        if (store.capabilities().contains(StoreCapability.READ)) {
            assertThat(readAll(stored.location(), null)).isEqualTo(GeneratedBytes.array(4096, 10));
        }
    }

    private StoredObject seedBytes(byte[] content) {
        return seed(newImageId(), new ByteArrayInputStream(content), content.length);
    }

    /**
     * True when the store declares {@code capability}; otherwise asserts that {@code call} is refused in the
     * standard way and returns false, so the calling test ends having checked the refusal.
     */
    private boolean declares(StoreCapability capability, ThrowingCallable call) {
        if (store.capabilities().contains(capability)) {
            return true;
        }
        assertRefused(capability, call);
        return false;
    }

    private static void assertRefused(StoreCapability capability, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("refusal of %s", capability).isInstanceOf(UnsupportedStoreOperationException.class);
        UnsupportedStoreOperationException refusal = (UnsupportedStoreOperationException) thrown;
        assertThat(refusal.capability()).isEqualTo(capability);
        assertThat(refusal.storeId()).isEqualTo(STORE_ID);
        assertThat(refusal.category()).isEqualTo(ErrorCategory.NOT_IMPLEMENTED);
    }

    private static void assertNotFound(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(GlanceException.class);
        assertThat(((GlanceException) thrown).category()).isEqualTo(ErrorCategory.NOT_FOUND);
    }

    private static byte[] slice(byte[] content, int offset, int length) {
        byte[] out = new byte[length];
        System.arraycopy(content, offset, out, 0, length);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
